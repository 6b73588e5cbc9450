/**
 * Which instalment of an agreement a message names ("pix da parcela 2", "a 2a parcela", "segunda
 * parcela", "installment 3"), read over the normalised text. Only a number next to the word for
 * instalment counts: "3 parcelas" is a count (installments.ts), not the third one.
 */

const ORDINALS: Record<string, number> = {
  primeira: 1, segunda: 2, terceira: 3, quarta: 4, quinta: 5, sexta: 6, setima: 7, oitava: 8, nona: 9, decima: 10,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};

const PATTERNS: readonly RegExp[] = [
  /\b(?:parcela|prestacao) (?:n|no|numero|nr|#)?\.? ?(\d{1,2})\b(?! (?:de|x)\b)/,
  /\b(\d{1,2})(?:a|o)? (?:parcela|prestacao)\b(?!s)/,
  /\b(primeira|segunda|terceira|quarta|quinta|sexta|setima|oitava|nona|decima) (?:parcela|prestacao)\b/,
  /\binstall?ments? (?:number |no\.? |#)?(\d{1,2})\b/,
  /\b(\d{1,2})(?:st|nd|rd|th) install?ment\b/,
  /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth) install?ment\b/,
];

export function findInstallmentNumber(norm: string): number | undefined {
  for (const re of PATTERNS) {
    const m = re.exec(norm);
    if (!m) continue;
    const raw = m[1]!;
    const n = ORDINALS[raw] ?? Number(raw);
    if (Number.isInteger(n) && n >= 1 && n <= 120) return n;
  }
  return undefined;
}
