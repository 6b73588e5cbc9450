// Personal data in free text (LGPD): what must not reach logs or an outside service.
const PATTERNS: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]'],
  [/\b[0-9A-Z]{2}\.?[0-9A-Z]{3}\.?[0-9A-Z]{3}\/?[0-9A-Z]{4}-?\d{2}\b/g, '[cnpj]'],
  [/\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b/g, '[cpf]'],
  // The country code is optional; the separator after it belongs to the number, never the one before.
  [/(?:\+?\b55\s?)?(?:\(\d{2}\)|\b\d{2})\s?9?\d{4}[-\s]?\d{4}\b/g, '[phone]'],
];

/** Replaces CNPJs (numeric and alphanumeric), CPFs, phones and e-mails with placeholders. */
export function scrubPersonalData(s: string): string {
  return PATTERNS.reduce((acc, [re, rep]) => acc.replace(re, rep), s);
}
