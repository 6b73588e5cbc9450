import { z } from 'zod';
import { zodIssueInLocales, type InLocales } from '../language/inLocales.js';
import { ROLES } from './authUser.js';

export const MIN_PASSWORD_LENGTH = 10;
// scrypt takes any length; the cap keeps a login request from being a free CPU/memory sink.
export const MAX_PASSWORD_LENGTH = 200;

/** A new user, as POST /api/admin/users and `npm run cli -- create-user` accept it. */
export const NewUserSchema = z
  .object({
    email: z.string().trim().max(254).pipe(z.email({ message: 'not a valid e-mail address' })),
    name: z.string().trim().min(1, 'required').max(120, 'at most 120 characters'),
    role: z.enum(ROLES, { message: `one of: ${ROLES.join(', ')}` }),
    password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`),
  })
  .strict();

/** zod issues as the API's 422 list: `message` in English, `messages` in each console language where zod can say it. */
export function fieldErrors(error: z.ZodError): { field: string; message: string; messages?: InLocales }[] {
  return error.issues.map((i) => {
    const messages = zodIssueInLocales(i);
    return { field: i.path.join('.') || '(body)', message: i.message, ...(messages ? { messages } : {}) };
  });
}
