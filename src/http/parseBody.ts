import type { z } from 'zod';
import { REPORT_INPUT } from '../language/inLocales.js';
import { fieldErrors } from '../users/newUserSchema.js';
import { HttpError } from './errors.js';

/** A request body checked against its schema; 422 with a message per field otherwise. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const res = schema.safeParse(body ?? {}, REPORT_INPUT);
  if (!res.success) {
    throw new HttpError(422, 'invalid_body', 'the request body is not valid', { errors: fieldErrors(res.error) });
  }
  return res.data;
}

/** A query string checked against its schema; 422 naming each bad parameter and why otherwise. */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const res = schema.safeParse(query ?? {}, REPORT_INPUT);
  if (!res.success) {
    const errors = fieldErrors(res.error);
    throw new HttpError(422, 'invalid_query', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
  return res.data;
}
