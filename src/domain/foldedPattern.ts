// Case- and accent-insensitive search in PostgreSQL without the unaccent extension (not in every
// install, and it would need a migration) nor translate() on every row (measured at ~10 µs a row:
// seconds on 100k debtors): the search text becomes a POSIX regular expression in which each letter
// is the class of its case and accent variants, "pão" -> [pP][aAáÁàÀ…][oOóÓ…]. PostgreSQL compiles
// it once per query and matches in one pass, and the result does not depend on the server's
// locale (under the C locale lower() and ~* fold ASCII only).

const VARIANTS: Readonly<Record<string, string>> = {
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
 * A regular expression (PostgreSQL's `~`) matching `q` anywhere in a text, ignoring case, accents
 * and the length of runs of spaces. Punctuation is escaped: the admin's text is never regex syntax.
 */
export function foldedPattern(q: string): string {
  const plain = q.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, ' ');
  let out = '';
  for (const ch of plain) {
    const variants = VARIANTS[ch];
    if (variants !== undefined) out += `[${variants}]`;
    else if (ch >= 'a' && ch <= 'z') out += `[${ch}${ch.toUpperCase()}]`;
    else if (ch === ' ') out += '\\s+';
    else if (ASCII_PUNCTUATION.test(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}
