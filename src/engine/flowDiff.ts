import { diffLines } from 'diff';
import { LOCALES } from '../language/locale.js';
import type { TemplateSet } from '../phrasing/templates.js';

export interface FlowDiff {
  definition: { op: ' ' | '+' | '-'; text: string }[];
  templates: { locale: string; key: string; before: string | null; after: string | null }[];
}

/** Two versions side by side: a line diff of the pretty-printed definitions and the templates that changed. */
export function diffFlows(a: { definition: unknown; templates: TemplateSet }, b: { definition: unknown; templates: TemplateSet }): FlowDiff {
  const definition: FlowDiff['definition'] = [];
  for (const part of diffLines(`${JSON.stringify(a.definition, null, 2)}\n`, `${JSON.stringify(b.definition, null, 2)}\n`)) {
    const op = part.added ? '+' : part.removed ? '-' : ' ';
    for (const text of part.value.replace(/\n$/, '').split('\n')) definition.push({ op, text });
  }
  const templates: FlowDiff['templates'] = [];
  for (const locale of LOCALES) {
    const before = a.templates[locale] ?? {};
    const after = b.templates[locale] ?? {};
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      if (before[key] !== after[key]) templates.push({ locale, key, before: before[key] ?? null, after: after[key] ?? null });
    }
  }
  return { definition, templates };
}
