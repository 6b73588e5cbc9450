import { inLocales, type InLocales } from '../language/inLocales.js';

// The offer policy's own messages (src/domain/policy.ts, policyBuckets.ts) in Portuguese too, for
// the admin console. `message` stays English: it is the public contract's wording.
const PT: [RegExp, string][] = [
  [/^required$/, 'obrigatório'],
  [/^must be a number$/, 'deve ser um número'],
  [/^must be an integer$/, 'deve ser um número inteiro'],
  [/^must be an object$/, 'deve ser um objeto'],
  [/^must be at least fromDays$/, 'deve ser pelo menos o início da faixa (fromDays)'],
  [/^must be at least (\S+)$/, 'deve ser pelo menos $1'],
  [/^must be between (\S+) and (\S+)$/, 'deve estar entre $1 e $2'],
  [/^must have at most 2 decimal places$/, 'no máximo 2 casas decimais'],
  [/^unknown field$/, 'campo desconhecido'],
  [/^at most (\d+) buckets$/, 'no máximo $1 faixas'],
  [/^must come after the previous bucket \(sorted by days, no overlap\)$/, 'deve vir depois da faixa anterior (em ordem de dias, sem sobreposição)'],
];

/** A policy message in both languages; undefined when it is not one of the policy's own. */
export function policyMessageInLocales(message: string): InLocales | undefined {
  for (const [re, pt] of PT) if (re.test(message)) return inLocales(message, message.replace(re, pt));
  return undefined;
}
