// Invoice numbers as people type them: "NF 452.100", "nf-452100", "INV1-203-0", "inv 12030",
// "2026/0042", "2026/42". Two numbers are the same invoice when they agree on letters and digits,
// ignoring case, punctuation, separators, a document-kind prefix and leading zeros (of the whole
// number, or of each group of digits: "2026/0042" is "2026/42").

/** Words for the kind of document, printed before the number and often typed or left out. */
const KIND_PREFIX = /^(?:NFSE|NFE|NFS|NF|NOTAFISCAL|NOTA|FATURA|FAT|INVOICE|INV|BOLETO|DUPLICATA|DUP|DOC|TITULO)(?=[0-9])/;

function stripZeros(s: string): string {
  return s.replace(/^0+(?=.)/, '');
}

/** The forms under which a typed or stored invoice number is recognised (a few, never many). */
export function invoiceNumberKeys(raw: string): string[] {
  const upper = raw.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
  const alnum = upper.replace(/[^0-9A-Z]/g, '');
  if (!alnum) return [];
  const keys = new Set<string>();
  for (const whole of [alnum, alnum.replace(KIND_PREFIX, '')]) {
    keys.add(stripZeros(whole));
  }
  // Leading zeros of each group: "2026/0042" and "2026/42", "INV1-203-0" stays as is.
  const groups = upper
    .replace(/[^0-9A-Z]+/g, ' ')
    .trim()
    .split(' ')
    .map(stripZeros)
    .join('');
  keys.add(groups);
  keys.add(groups.replace(KIND_PREFIX, ''));
  keys.delete('');
  return [...keys];
}

/** Whether a typed number names the stored one (both loosely normalised, see invoiceNumberKeys). */
export function sameInvoiceNumber(typed: string, stored: string): boolean {
  const a = invoiceNumberKeys(typed);
  if (a.length === 0) return false;
  const b = new Set(invoiceNumberKeys(stored));
  return a.some((k) => b.has(k));
}
