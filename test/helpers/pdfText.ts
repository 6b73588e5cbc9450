import { inflateSync } from 'node:zlib';

// WinAnsi codes 0x80–0x9F that PDF standard fonts use for typographic characters.
const WIN_ANSI: Record<number, string> = { 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x80: '€' };

/**
 * The text a PDF written by pdfkit with standard fonts shows, one string per text-showing operator
 * (a line of text), read from its content streams (inflated when compressed). Enough for tests; not
 * a PDF parser.
 */
export function pdfTextLines(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  // Each stream's bytes are taken by its /Length, not up to the next "endstream": a compressed
  // stream whose last byte happens to be 0x0D (CR) lost it to an optional "\r\n" before
  // "endstream", failed to inflate and gave no text (about one document in a hundred).
  const streamRe = /<<([^]*?)>>\s*stream\r?\n/g;
  for (const m of raw.matchAll(streamRe)) {
    const start = m.index + m[0].length;
    const length = /\/Length (\d+)/.exec(m[1]!)?.[1];
    const body = Buffer.from(raw.slice(start, length ? start + Number(length) : raw.indexOf('endstream', start)), 'latin1');
    let content: string;
    try {
      content = /\/FlateDecode/.test(m[1]!) ? inflateSync(body).toString('latin1') : body.toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
      let line = '';
      for (const hex of tj[1]!.matchAll(/<([0-9a-f]*)>/g)) {
        for (let i = 0; i < hex[1]!.length; i += 2) {
          const code = parseInt(hex[1]!.slice(i, i + 2), 16);
          line += WIN_ANSI[code] ?? String.fromCharCode(code);
        }
      }
      lines.push(line);
    }
  }
  return lines;
}

/** Pages in the document (leaf /Type /Page objects). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
