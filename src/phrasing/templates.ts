import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOCALES, type Locale } from '../language/locale.js';

export type TemplateSet = Record<Locale, Record<string, string>>;

const dir = fileURLToPath(new URL('../../prompts/templates/', import.meta.url));

export function loadTemplates(): TemplateSet {
  const out = {} as TemplateSet;
  for (const l of LOCALES) out[l] = JSON.parse(readFileSync(`${dir}${l}.json`, 'utf8')) as Record<string, string>;
  return out;
}

/** Keys present in every locale: a flow may only `say` these. */
export function commonKeys(t: TemplateSet): Set<string> {
  const [first, ...rest] = LOCALES.map((l) => new Set(Object.keys(t[l])));
  return new Set([...first!].filter((k) => rest.every((s) => s.has(k))));
}

/**
 * A pinned flow version's templates, with the keys it lacks taken from `current`. Messages sent
 * outside the flow (a payment's receipt, a reminder) use keys added after many conversations were
 * pinned; without this, an agreement made before such a key existed could never be told of its
 * payment. Keys the pinned version has keep their pinned text.
 */
export function withMissingKeys(pinned: TemplateSet, current: TemplateSet): TemplateSet {
  const out = {} as TemplateSet;
  for (const l of LOCALES) out[l] = { ...current[l], ...pinned[l] };
  return out;
}
