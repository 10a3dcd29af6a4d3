import { z } from 'zod';
import { UserSchema } from './users.ts';

/** POST /api/auth/login. */
export const LoginBodySchema = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(256),
});

/** POST /api/auth/login's answer: who signed in. */
export const LoginAnswerSchema = z.object({ user: UserSchema });
export type LoginAnswer = z.infer<typeof LoginAnswerSchema>;

/** GET /api/me. */
export const MeAnswerSchema = z.object({
  user: UserSchema,
  /** The open year and its questionnaire version: what a new form is filled with. */
  assessmentYear: z.number(),
  questionnaireVersion: z.number(),
});
export type MeAnswer = z.infer<typeof MeAnswerSchema>;

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
