import { z } from 'zod';
import { ROLES, type User } from '../repositories/users.ts';

export const RoleSchema = z.enum(ROLES, {
  error: '角色应为 admin、coordinator、canvasser、interviewer 或 department_scorer',
});

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  communities: z.array(z.string()),
});

export const StaffUserSchema = UserSchema.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
  /** A department scorer's 附件2 department (@jiuting/scorecard id); null for other roles. */
  department: z.string().nullable(),
});

/** Admins and coordinators reach every community; field staff their assigned ones. */
export function reachableCommunities(user: User, allCodes: () => string[]): string[] {
  return user.role === 'admin' || user.role === 'coordinator' ? allCodes() : user.communities;
}

export const ItemResultSchema = z.object({
  id: z.string(),
  status: z.enum(['accepted', 'duplicate', 'conflict', 'rejected', 'retry']),
  error: z
    .object({
      error: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    })
    .optional(),
  repeat: z.boolean().optional(),
});

export const SyncResultsSchema = z.object({ results: z.array(ItemResultSchema) });

/** The paging every list query takes: pages from 1, 50 a page unless asked, at most 200. */
export const PageQueryFields = {
  page: z.coerce.number({ error: '页码应为数字' }).int().min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce
    .number({ error: '每页条数应为数字' })
    .int()
    .min(1)
    .max(200, '每页最多 200 条')
    .default(50),
};
