import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/users/passwords.js';
import { type Database } from '../../src/storage/database.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, createSession, deleteSession, findSession, sessionId } from '../../src/storage/sessionRepository.js';
import { EmailTakenError, createUser, findUserByEmail } from '../../src/storage/userRepository.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/userRepository');

const MIN = 60_000;
const HOUR = 3_600_000;
const T0 = new Date('2026-03-02T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(DATABASES)('users and sessions ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let userId: string;
  let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    opened = await openTestDatabase(kind);
    database = opened.database;
    userId = (await createUser(database.prisma, { email: '  Ana.Souza@Example.COM ', name: 'Ana Souza', role: 'agent', password: 'correct horse battery' }, 'admin')).id;
  }, 120_000);
  afterAll(async () => opened?.close());

  it.skipIf(!enabled)('stores the e-mail lower-cased and only a hash of the password, and audits the creation without it', async () => {
    const db = database.prisma;
    const row = await findUserByEmail(db, 'ANA.SOUZA@example.com');
    expect(row).toMatchObject({ id: userId, email: 'ana.souza@example.com', name: 'Ana Souza', role: 'agent', disabledAt: null });
    expect(row!.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await verifyPassword('correct horse battery', row!.passwordHash)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'user.created' } });
    expect(audit).toMatchObject({ actor: 'admin', data: { userId, email: 'ana.souza@example.com', role: 'agent' } });
    expect(JSON.stringify(audit.data)).not.toMatch(/password|scrypt|correct horse/);
  });

  it.skipIf(!enabled)('refuses a second user with the same e-mail in any case', async () => {
    await expect(createUser(database.prisma, { email: 'ana.souza@EXAMPLE.com', name: 'Other', role: 'admin', password: 'another password' }, 'admin')).rejects.toBeInstanceOf(EmailTakenError);
    expect(await findUserByEmail(database.prisma, 'nobody@example.com')).toBeNull();
  });

  it.skipIf(!enabled)('keeps only the SHA-256 of the session token', async () => {
    const db = database.prisma;
    const s = await createSession(db, userId, T0);
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.expiresAt).toEqual(at(SESSION_ABSOLUTE_MS));
    const row = await db.session.findUniqueOrThrow({ where: { id: sessionId(s.token) } });
    expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await db.session.findMany())).not.toContain(s.token);
    const found = await findSession(db, s.token, at(MIN));
    expect(found).toMatchObject({ csrfToken: s.csrfToken, user: { id: userId, email: 'ana.souza@example.com', name: 'Ana Souza', role: 'agent' } });
    expect(found).not.toHaveProperty('user.passwordHash');
    expect(await findSession(db, `${s.token}x`, at(MIN))).toBeNull();
  });

  it.skipIf(!enabled)('ends a session after 8 hours without a request', async () => {
    const db = database.prisma;
    const s = await createSession(db, userId, T0);
    expect(await findSession(db, s.token, at(4 * HOUR))).not.toBeNull();
    // That request counted as activity: 11 h after login is only 7 h after it.
    expect(await findSession(db, s.token, at(11 * HOUR))).not.toBeNull();
    expect(await findSession(db, s.token, at(11 * HOUR + SESSION_IDLE_MS - MIN))).toBeNull(); // the absolute end came first
    const idle = await createSession(db, userId, T0);
    expect(await findSession(db, idle.token, at(SESSION_IDLE_MS))).toBeNull();
    // Gone for good, not just refused.
    expect(await db.session.findUnique({ where: { id: sessionId(idle.token) } })).toBeNull();
  });

  it.skipIf(!enabled)('moves lastSeenAt at most once a minute', async () => {
    const db = database.prisma;
    const s = await createSession(db, userId, T0);
    const lastSeen = async () => (await db.session.findUniqueOrThrow({ where: { id: sessionId(s.token) } })).lastSeenAt;
    await findSession(db, s.token, at(30_000));
    expect(await lastSeen()).toEqual(T0);
    await findSession(db, s.token, at(MIN));
    expect(await lastSeen()).toEqual(at(MIN));
  });

  it.skipIf(!enabled)('ends a session 12 hours after login however active it was', async () => {
    const db = database.prisma;
    const s = await createSession(db, userId, T0);
    for (let h = 1; h < 12; h++) expect(await findSession(db, s.token, at(h * HOUR))).not.toBeNull();
    expect(await findSession(db, s.token, at(SESSION_ABSOLUTE_MS - MIN))).not.toBeNull();
    expect(await findSession(db, s.token, at(SESSION_ABSOLUTE_MS))).toBeNull();
  });

  it.skipIf(!enabled)('stops a session at logout and when its user is disabled', async () => {
    const db = database.prisma;
    const a = await createSession(db, userId, T0);
    await deleteSession(db, a.token);
    expect(await findSession(db, a.token, at(MIN))).toBeNull();
    await deleteSession(db, a.token); // twice is harmless

    const b = await createSession(db, userId, T0);
    await db.user.update({ where: { id: userId }, data: { disabledAt: at(MIN) } });
    expect(await findSession(db, b.token, at(2 * MIN))).toBeNull();
    await db.user.update({ where: { id: userId }, data: { disabledAt: null } });
  });
});
