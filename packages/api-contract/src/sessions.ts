import { z } from 'zod';
import { RoleSchema } from './roles.ts';

/** A signed-in device (GET /api/sessions). */
export const DeviceSessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  userAgent: z.string(),
  ip: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  /** The session of the request itself. */
  current: z.boolean(),
});
export type DeviceSession = z.infer<typeof DeviceSessionSchema>;

export const SessionsAnswerSchema = z.object({ sessions: z.array(DeviceSessionSchema) });
export type SessionsAnswer = z.infer<typeof SessionsAnswerSchema>;
