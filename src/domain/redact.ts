// Personal data in free text (LGPD): what must not reach logs or an outside service.
//
// Every pattern runs in linear time: each is bounded in length, or (the e-mail) can only start
// where a run of its characters starts, so a 100 KB run of letters is scanned once, not once per
// position (the unanchored e-mail pattern took 6 s on 100 KB of "aaaa…").
const PATTERNS: [RegExp, string][] = [
  [/(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]'],
  [/\b[0-9A-Z]{2}\.?[0-9A-Z]{3}\.?[0-9A-Z]{3}\/?[0-9A-Z]{4}-?\d{2}\b/g, '[cnpj]'],
  [/\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b/g, '[cpf]'],
  // The country code is optional; the separator after it belongs to the number, never the one before.
  [/(?:\+?\b55\s?)?(?:\(\d{2}\)|\b\d{2})\s?9?\d{4}[-\s]?\d{4}\b/g, '[phone]'],
];

/** Longer texts are cut to this before scrubbing: a log line or an LLM prompt needs no more. */
export const SCRUB_MAX_CHARS = 8000;

/**
 * The first `max` characters of `s`, without a word cut in half at the end (half an e-mail or
 * phone would no longer be recognised as one), followed by "…" when something was cut.
 */
export function cutForScrubbing(s: string, max = SCRUB_MAX_CHARS): string {
  if (s.length <= max) return s;
  let end = max;
  // Back to the last whitespace, at most 200 characters: a plain loop, never a regex over the tail.
  const floor = Math.max(0, max - 200);
  while (end > floor && !/\s/.test(s[end] ?? '')) end--;
  return `${s.slice(0, end > floor ? end : floor)}…`;
}

/** Replaces CNPJs (numeric and alphanumeric), CPFs, phones and e-mails with placeholders; cuts long texts first. */
export function scrubPersonalData(s: string, max = SCRUB_MAX_CHARS): string {
  return PATTERNS.reduce((acc, [re, rep]) => acc.replace(re, rep), cutForScrubbing(s, max));
}
