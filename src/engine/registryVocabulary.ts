import { z } from 'zod';
import { FLOW_EVENTS } from './flowSchema.js';
import { assigners, effects, guards, sayKeySlots } from './registry.js';
import { assignerLabels, effectLabels, eventLabels, guardLabels, type Label, type Labelled, type ValueWords } from './registryLabels.js';

export interface VocabularyEntry {
  name: string;
  /** JSON Schema of the params; null when the name takes none. */
  params: Record<string, unknown> | null;
  /** False when the params may be left out (escalate's reason). */
  paramsRequired: boolean;
  /** May hold `{param}` placeholders, worded by `values` or else filled with the value itself. */
  label: Label;
  values?: ValueWords;
}

export interface RegistryVocabulary {
  guards: VocabularyEntry[];
  actions: (VocabularyEntry & { kind: 'assign' | 'effect' })[];
  events: { type: string; label: Label }[];
  /** A say key may name a `{slot}` (offer.{offer.kind}); each slot's values make one template per value. */
  keySlots: Record<string, readonly string[]>;
}

function entry(name: string, schema: z.ZodType, labelled: Labelled): VocabularyEntry {
  const takesNone = schema instanceof z.ZodUndefined;
  return {
    name,
    // The schemas publishing checks, converted rather than restated, so the editor's forms ask
    // exactly what validation accepts.
    params: takesNone ? null : z.toJSONSchema(schema, { io: 'input' }),
    paramsRequired: !takesNone && !schema.safeParse(undefined).success,
    ...labelled,
  };
}

/** Every name a flow may use, with its params' schema and its words: what the flow editor offers. */
export function registryVocabulary(): RegistryVocabulary {
  return {
    guards: Object.entries(guards).map(([name, g]) => entry(name, g.params, guardLabels[name as keyof typeof guards])),
    actions: [
      ...Object.entries(assigners).map(([name, a]) => ({ ...entry(name, a.params, assignerLabels[name as keyof typeof assigners]), kind: 'assign' as const })),
      ...Object.entries(effects).map(([name, schema]) => ({ ...entry(name, schema, effectLabels[name as keyof typeof effects]), kind: 'effect' as const })),
    ],
    events: FLOW_EVENTS.map((type) => ({ type, label: eventLabels[type] })),
    keySlots: sayKeySlots(),
  };
}
