// Password hashing: the stored format carries its parameters and salt, wrong passwords fail, and a check against
// no stored hash (an unknown account) runs scrypt just the same.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  hashPassword,
  needsRehash,
  parsePasswordHash,
  passwordProblem,
  scryptRunCount,
  verifyPassword,
} from '../../src/auth/index.ts';

const PASSWORD = 'tröpfeln-durch-die-Nacht 42';

describe('password hashes', () => {
  it('are stored as scrypt$N$r$p$salt$hash with the parameters used and a fresh salt each time', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    const fields = a.split('$');
    expect(fields).toHaveLength(6);
    expect(fields.slice(0, 4)).toEqual([
      'scrypt',
      String(DEFAULT_PARAMS.N),
      String(DEFAULT_PARAMS.r),
      String(DEFAULT_PARAMS.p),
    ]);
    expect(Buffer.from(fields[4]!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(fields[5]!, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b); // salted
    expect(a).not.toContain(PASSWORD);
    expect(parsePasswordHash(a)?.params).toEqual(DEFAULT_PARAMS);
  });

  it('verify the right password only', async () => {
    const stored = await hashPassword(PASSWORD);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword(PASSWORD + ' ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    // Unicode is compared in one normal form: the decomposed ö is the same password.
    expect(await verifyPassword(PASSWORD.normalize('NFD'), stored)).toBe(true);
  });

  it('verify with the parameters stored in the hash, and say when they are not the current ones', async () => {
    const older = await hashPassword(PASSWORD, { N: 2 ** 12, r: 8, p: 1 });
    expect(older.startsWith('scrypt$4096$8$1$')).toBe(true);
    expect(await verifyPassword(PASSWORD, older)).toBe(true);
    expect(await verifyPassword('wrong password!', older)).toBe(false);
    expect(needsRehash(older)).toBe(true);
    expect(needsRehash(await hashPassword(PASSWORD))).toBe(false);
    // The same salt and key read with other parameters no longer match.
    const tampered = older.replace('scrypt$4096$', 'scrypt$8192$');
    expect(await verifyPassword(PASSWORD, tampered)).toBe(false);
  });

  it('refuse damaged or unbounded hashes without throwing', async () => {
    const good = await hashPassword(PASSWORD, { N: 2 ** 12, r: 8, p: 1 });
    for (const bad of [
      '',
      'plain',
      good.replace('scrypt$', 'bcrypt$'),
      good.replace('$4096$', '$4095$'),
      good.replace('$4096$', `$${2 ** 24}$`),
    ]) {
      expect(parsePasswordHash(bad), bad).toBeUndefined();
      expect(await verifyPassword(PASSWORD, bad), bad).toBe(false);
    }
  });

  it('an unknown account (no stored hash) costs one scrypt run, as a known one does', async () => {
    const stored = await hashPassword(PASSWORD);
    let before = scryptRunCount();
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(scryptRunCount() - before).toBe(1);
    before = scryptRunCount();
    expect(await verifyPassword(PASSWORD, undefined)).toBe(false);
    expect(scryptRunCount() - before).toBe(1);
    before = scryptRunCount();
    expect(await verifyPassword(PASSWORD, 'damaged')).toBe(false);
    expect(scryptRunCount() - before).toBe(1);
  });

  it('new passwords have a minimum and a maximum length', () => {
    expect(passwordProblem('short pass')).toMatch(/at least 12 characters/);
    // Counted in characters, not bytes or UTF-16 units.
    expect(passwordProblem('ööööööööööö')).toMatch(/at least 12/);
    expect(passwordProblem('öööööööööööö')).toBeUndefined();
    expect(passwordProblem('x'.repeat(1025))).toMatch(/at most 1024/);
  });
});
