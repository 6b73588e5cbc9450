import { isRole, type AuthUser, type Role } from '../users/authUser.js';
import { hashPassword } from '../users/passwords.js';
import { Prisma, type User } from '../generated/prisma/client.js';
import { appendAudit } from './auditLog.js';
import type { Db, Tx } from './database.js';
import { CordialError } from '../domain/errors.js';

/** The e-mail already belongs to a user (the API answers 409 email_taken). */
export class EmailTakenError extends CordialError<'email_taken'> {
  constructor() {
    super('email_taken', 'a user with this e-mail already exists');
  }
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  /** Plain text; only its scrypt hash is stored. Length rules are the caller's (NewUserSchema). */
  password: string;
}

/** E-mails are unique case-insensitively: stored and looked up lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toAuthUser(row: Pick<User, 'id' | 'email' | 'name' | 'role'>): AuthUser {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has an unknown role`);
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** Creates a user and audits it (`user.created`, without the password) in one transaction. */
export async function createUser(db: Db, input: NewUser, actor: string): Promise<AuthUser> {
  // Hashed before the transaction opens: scrypt takes a noticeable moment and needs no lock.
  const passwordHash = await hashPassword(input.password);
  const email = normalizeEmail(input.email);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.user.create({ data: { email, name: input.name, role: input.role, passwordHash } });
      await appendAudit(tx, [{ type: 'user.created', actor, data: { userId: row.id, email, name: row.name, role: row.role } }]);
      return toAuthUser(row);
    });
  } catch (err) {
    // The unique index decides, so two concurrent creations of one e-mail cannot both succeed.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw new EmailTakenError();
    throw err;
  }
}

/** The full row (password hash, disabledAt) for the login; null when no user has this e-mail. */
export async function findUserByEmail(db: Tx, email: string): Promise<User | null> {
  return db.user.findUnique({ where: { email: normalizeEmail(email) } });
}

/** A user as the admins' users panel lists them. */
export interface UserListItem extends AuthUser {
  disabledAt: string | null;
  createdAt: string;
  /** Sessions not yet past their absolute end (an idle one may still have timed out). */
  sessions: number;
}

export async function listUsers(db: Tx, now: Date): Promise<UserListItem[]> {
  const rows = await db.user.findMany({
    orderBy: { createdAt: 'asc' },
    include: { _count: { select: { sessions: { where: { expiresAt: { gt: now } } } } } },
  });
  return rows.map((r) => ({ ...toAuthUser(r), disabledAt: r.disabledAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(), sessions: r._count.sessions }));
}

/** Ends every session of a user (their next request is 401, their live streams close). Returns how many. */
export async function endUserSessions(db: Tx, userId: string): Promise<number> {
  return (await db.session.deleteMany({ where: { userId } })).count;
}
