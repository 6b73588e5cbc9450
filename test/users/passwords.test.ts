import { describe, expect, it } from 'vitest';
import { SCRYPT_PARAMS, hashPassword, needsRehash, verifyPassword } from '../../src/users/passwords.js';

describe('password hashing', () => {
  it('stores scrypt with its parameters, a 16-byte salt and a 64-byte key', async () => {
    const stored = await hashPassword('correct horse battery');
    const [scheme, N, r, p, salt, key] = stored.split('$');
    expect([scheme, Number(N), Number(r), Number(p)]).toEqual(['scrypt', 2 ** 15, 8, 3]);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(64);
    expect(stored).not.toContain('correct horse');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, so one password gives different hashes', async () => {
    expect(await hashPassword('same password!')).not.toBe(await hashPassword('same password!'));
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const stored = await hashPassword('senha\u00e7\u00e3o secreta');
    expect(await verifyPassword('senhac\u0327a\u0303o secreta', stored)).toBe(true);
  });

  it('refuses malformed or absurd stored values without throwing', async () => {
    for (const bad of ['', 'plain', 'bcrypt$2$a$b$c$d', 'scrypt$abc$8$3$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==', `scrypt$${2 ** 30}$8$3$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==`]) {
      expect(await verifyPassword('anything at all', bad)).toBe(false);
    }
  });

  it('still verifies hashes made with other parameters, and says they need a rehash', async () => {
    // A hash made with weaker parameters than today's (as if SCRYPT_PARAMS had been raised since).
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const key = scryptSync('old password here', salt, 64, { N: 2 ** 14, r: 8, p: 1 });
    const old = `scrypt$${2 ** 14}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    expect(await verifyPassword('old password here', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('old password here'))).toBe(false);
    expect(SCRYPT_PARAMS).toEqual({ N: 2 ** 15, r: 8, p: 3 });
  });
});
