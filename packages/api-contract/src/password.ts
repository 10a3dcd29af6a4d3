import { z } from 'zod';

// A module of its own, importing zod only, so the PWA's 修改密码 form can validate with it
// (`@jiuting/api-contract/password`) without taking the rest of the contract into its chunk.

/**
 * POST /api/auth/password: a signed-in person changes their own password. The new one has the
 * same bounds as a password an admin sets (the server also refuses a common or patterned one).
 */
export const ChangePasswordBodySchema = z.strictObject({
  currentPassword: z
    .string({ error: '请输入当前密码' })
    .min(1, '请输入当前密码')
    .max(256, '密码不能超过 256 位'),
  newPassword: z
    .string({ error: '请输入新密码' })
    .min(10, '新密码至少 10 位')
    .max(256, '新密码不能超过 256 位'),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;

/** POST /api/auth/password's answer: how many other devices were signed out. */
export const ChangePasswordAnswerSchema = z.object({ otherSessionsEnded: z.number().int() });
export type ChangePasswordAnswer = z.infer<typeof ChangePasswordAnswerSchema>;
