import { generatePassword, hashPassword, verifyPassword } from '../../src/auth/password';

describe('passwords', () => {
  const stored = hashPassword('correct horse battery staple');

  test('when the password is right, then it verifies', async () => {
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
  });

  test('when the password is wrong, then it does not verify', async () => {
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
  });

  test('when the same password is hashed twice, then the salts differ', () => {
    expect(hashPassword('same password here')).not.toBe(hashPassword('same password here'));
  });

  test('when the hash is stored, then it names scrypt and its cost, never the password', () => {
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(stored).not.toContain('horse');
  });

  test.each(['', 'bcrypt$x', 'scrypt$abc$8$1$c2FsdA$aGFzaA', 'scrypt$16384$8$1$$'])('when the stored hash is malformed (%p), then nothing verifies', async (bad) => {
    expect(await verifyPassword('anything', bad)).toBe(false);
  });

  test('when a password is generated, then it is 20 characters without look-alikes', () => {
    const generated = generatePassword();
    expect(generated).toHaveLength(20);
    expect(generated).not.toMatch(/[0O1lI]/);
  });
});
