import { z } from 'zod';
import { RoleSchema } from './roles.ts';

/** The signed-in user (GET /api/me, POST /api/auth/login). */
export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  /** Assigned community codes (field staff); every code for admins and coordinators. */
  communities: z.array(z.string()),
});
export type User = z.infer<typeof UserSchema>;

/** A staff account as admins and coordinators manage it (GET/POST/PATCH /api/users). */
export const StaffUserSchema = UserSchema.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
  /** A department scorer's 附件2 department (@jiuting/scorecard id); null for other roles. */
  department: z.string().nullable(),
});
export type StaffUser = z.infer<typeof StaffUserSchema>;
