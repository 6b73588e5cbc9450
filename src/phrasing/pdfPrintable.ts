// Characters the PDF standard fonts (WinAnsi) can draw besides Latin-1; anything else would print
// as garbage, so it becomes "?" (emoji, arrows). Control characters become spaces.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** The text as a pdfkit standard font can print it (Latin-1 and WinAnsi's extras; newlines kept). */
export function pdfPrintable(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += ' ';
    else if (c <= 0xff || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else out += '?';
  }
  return out;
}
