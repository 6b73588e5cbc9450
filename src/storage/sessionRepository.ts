import { createHash, randomBytes } from 'node:crypto';
import { isRole, type AuthUser } from '../users/authUser.js';
import type { Tx } from './database.js';

/** A session ends after 8 h without a request... */
export const SESSION_IDLE_MS = 8 * 3_600_000;
/** ...and 12 h after the login in any case (a working day; then log in again). */
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
// lastSeenAt only needs minute precision for an 8 h timeout; this saves a write on every request.
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  /** Goes to the cookie only; the database keeps its SHA-256. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ActiveSession {
  /** sha256(token), hex: the row id. */
  id: string;
  csrfToken: string;
  expiresAt: Date;
  user: AuthUser;
}

/** A copy of the database does not hand out live sessions: only this digest is stored. */
export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Tx, userId: string, now: Date): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  // Rows past their absolute end are garbage; a login is a cheap moment to drop this user's.
  await db.session.deleteMany({ where: { userId, expiresAt: { lte: now } } });
  await db.session.create({ data: { id: sessionId(token), userId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt } });
  return { token, csrfToken, expiresAt };
}

/**
 * The live session for a cookie token at `now`, or null (unknown, idle too long, past its absolute
 * end, or its user disabled). Expired rows are deleted on the way; lastSeenAt is moved at most once
 * a minute.
 */
export async function findSession(db: Tx, token: string, now: Date): Promise<ActiveSession | null> {
  const id = sessionId(token);
  const row = await db.session.findUnique({ where: { id }, include: { user: true } });
  if (!row) return null;
  const t = now.getTime();
  if (t >= row.expiresAt.getTime() || t - row.lastSeenAt.getTime() >= SESSION_IDLE_MS) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  if (row.user.disabledAt || !isRole(row.user.role)) return null;
  if (t - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  const { id: userId, email, name, role } = row.user;
  return { id, csrfToken: row.csrfToken, expiresAt: row.expiresAt, user: { id: userId, email, name, role } };
}

/** Logout: the token stops working at once. Unknown tokens are fine (already gone). */
export async function deleteSession(db: Tx, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId(token) } });
}
