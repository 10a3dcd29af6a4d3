import { expect, it } from 'vitest';
import { ROLES, RoleSchema } from './roles.ts';

it('refuses an unknown role with a Chinese message naming every role there is', () => {
  const refused = RoleSchema.safeParse('mayor');
  expect(refused.success).toBe(false);
  const message = refused.error?.issues[0]?.message ?? '';
  expect(message).toMatch(/^角色应为/);
  for (const role of ROLES) expect(message).toContain(role);
});
