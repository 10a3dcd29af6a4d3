import { describe, expect, it } from 'vitest';
import { isStrongPassword } from './password-strength.ts';
import { randomPassword } from './passwords.ts';

describe('isStrongPassword', () => {
  it.each(['1234567890', 'password12', 'qwertyuiop', 'aaaaaaaaaa', 'abcdefghij', 'jiuting2025'])(
    'refuses the common or patterned %s',
    (password) => {
      expect(isStrongPassword(password)).toBe(false);
    },
  );

  it("refuses a password made of the account's own username", () => {
    expect(isStrongPassword('zhangsan12', ['zhangsan'])).toBe(false);
  });

  it('accepts every generated random password and a long passphrase', () => {
    for (let i = 0; i < 20; i += 1) expect(isStrongPassword(randomPassword())).toBe(true);
    expect(isStrongPassword('绿色楼道-每周三-扫一次')).toBe(true);
    expect(isStrongPassword('test-password-123')).toBe(true);
  });
});
