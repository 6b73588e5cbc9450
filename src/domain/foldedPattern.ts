// Case- and accent-insensitive search in PostgreSQL without the unaccent extension (not in every
// install) and without depending on the server's locale (under the C locale lower() and ~* fold
// ASCII only). A letter matches its case and accent variants in VARIANTS, and nothing else.
//
// Two forms of the same rule. foldedPattern: the search text as a POSIX regular expression in which
// each letter is the class of its variants, "pão" -> [pP][aAáÁàÀ…][oOóÓ…], matched against the raw
// columns (what the debtor search ran on every row until issue 14). foldedText: the search text
// folded, to find as a substring of data folded the same way (the debtor search's stored text, kept
// by the database: migration debtor_search_text, whose translate() spells out this table). The
// debtor search's tests hold the two to the same results.

export const VARIANTS: Readonly<Record<string, string>> = {
  a: 'aAáÁàÀâÂãÃäÄåÅ',
  e: 'eEéÉèÈêÊëË',
  i: 'iIíÍìÌîÎïÏ',
  o: 'oOóÓòÒôÔõÕöÖ',
  u: 'uUúÚùÙûÛüÜ',
  c: 'cCçÇ',
  n: 'nNñÑ',
  y: 'yYýÝÿŸ',
};

const ASCII_PUNCTUATION = /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/;

/**
 * `q` as the folded data is written: accents removed, lower case, trimmed, one space for each run of
 * white space. It never holds a line break (the folded data's separator between fields).
 */
export function foldedText(q: string): string {
  return q.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

/**
 * A regular expression (PostgreSQL's `~`) matching `q` anywhere in a text, ignoring case, accents
 * and the length of runs of spaces. Punctuation is escaped: the admin's text is never regex syntax.
 */
export function foldedPattern(q: string): string {
  let out = '';
  for (const ch of foldedText(q)) {
    const variants = VARIANTS[ch];
    if (variants !== undefined) out += `[${variants}]`;
    else if (ch >= 'a' && ch <= 'z') out += `[${ch}${ch.toUpperCase()}]`;
    else if (ch === ' ') out += '\\s+';
    else if (ASCII_PUNCTUATION.test(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}
