import { randomBytes } from 'node:crypto';
import type { Tx } from '../storage/database.js';
import { findUserByEmail, toAuthUser } from '../storage/userRepository.js';
import type { AuthUser } from '../users/authUser.js';
import { SCRYPT_PARAMS, hashPassword, needsRehash, verifyPassword } from '../users/passwords.js';

// Unknown e-mails are checked against this so they cost one scrypt like a real account: the
// answer time does not tell which e-mails have accounts. Random bytes make an unmatchable hash.
const DUMMY_HASH = `scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$${randomBytes(16).toString('base64')}$${randomBytes(64).toString('base64')}`;

export type AuthResult = { ok: true; user: AuthUser } | { ok: false; reason: 'unknown_email' | 'wrong_password' | 'disabled' };

/**
 * E-mail and password -> the user. `reason` is for the audit trail only; the API answers all
 * failures alike. A disabled user is refused only after the password check, for the same timing.
 */
export async function authenticate(db: Tx, email: string, password: string): Promise<AuthResult> {
  const row = await findUserByEmail(db, email);
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row) return { ok: false, reason: 'unknown_email' };
  if (!ok) return { ok: false, reason: 'wrong_password' };
  if (row.disabledAt) return { ok: false, reason: 'disabled' };
  // The one moment the plain password is at hand: upgrade hashes made with older parameters.
  if (needsRehash(row.passwordHash)) await db.user.update({ where: { id: row.id }, data: { passwordHash: await hashPassword(password) } });
  return { ok: true, user: toAuthUser(row) };
}
