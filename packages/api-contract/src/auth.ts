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
