// Zod building blocks shared by the admin settings schemas, so every settings endpoint reports
// the same messages for the same mistakes ("required", "must be an integer", "must be between
// 1 and 30", "unknown field" via toFieldErrors).
// policy.ts and contactPolicy.ts still carry private copies of these (they predate this file and
// were out of the slice that added it); they can import from here.

import { z } from 'zod';

export function integerBetween(min: number, max: number): z.ZodNumber {
  return z
    .number({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a number') })
    .int({ error: 'must be an integer' })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });
}

export function booleanField(): z.ZodBoolean {
  return z.boolean({ error: (issue) => (issue.input === undefined ? 'required' : 'must be true or false') });
}

/** .strict(), so a typo is reported as "unknown field" instead of silently leaving the real value as it was. */
export function strictObject<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, { error: (issue) => (issue.input === undefined ? 'required' : 'must be an object') });
}

/** Frozen so that no caller can "adjust" a shared default in place. */
export function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(o);
}
