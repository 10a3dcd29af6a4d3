import { DEPARTMENT_IDS } from '@jiuting/scorecard';
import { z } from 'zod';
import { RoleSchema } from './roles.ts';
import { plain } from './text.ts';

/** The signed-in user (GET /api/me, POST /api/auth/login). */
export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    /** Assigned community codes (field staff); every code for admins and coordinators. */
    communities: z.array(z.string()),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

/** A staff account as admins and coordinators manage it (GET/POST/PATCH /api/users). */
export const StaffUserSchema = UserSchema.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
  /** A department scorer's 附件2 department (@jiuting/scorecard id); null for other roles. */
  department: z.string().nullable(),
}).meta({ id: 'StaffUser' });
export type StaffUser = z.infer<typeof StaffUserSchema>;

const PasswordSchema = z
  .string({ error: '密码应为文字' })
  .min(10, '密码至少 10 位')
  .max(256, '密码不能超过 256 位');

const CommunityCodesSchema = z.array(plain(z.string().max(32), '居民区编号')).max(100);

const DepartmentSchema = z
  .enum(DEPARTMENT_IDS, { error: '未知的评分部门' })
  .meta({ id: 'Department' });

/** POST /api/users. */
export const CreateUserSchema = z.strictObject({
  username: z
    .string({ error: '请填写用户名' })
    .regex(/^[A-Za-z0-9_.-]{2,32}$/, '用户名为 2–32 位字母、数字、下划线、点或连字符'),
  displayName: plain(z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(32), '姓名'),
  role: RoleSchema,
  /** Omitted: a random password is made and returned once. */
  password: PasswordSchema.optional(),
  communities: CommunityCodesSchema.default([]),
  /** Required for, and only for, a department_scorer. */
  department: DepartmentSchema.optional(),
});

/** PATCH /api/users/:id. */
export const PatchUserSchema = z
  .strictObject({
    displayName: plain(z.string().trim().min(1, '请填写姓名').max(32), '姓名').optional(),
    role: RoleSchema.optional(),
    password: PasswordSchema.optional(),
    communities: CommunityCodesSchema.optional(),
    disabled: z.boolean().optional(),
    department: DepartmentSchema.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, '没有要修改的内容');

/** GET /api/users. */
export const UsersAnswerSchema = z.object({ users: z.array(StaffUserSchema) });
export type UsersAnswer = z.infer<typeof UsersAnswerSchema>;

/** POST /api/users: the account, and its password when the server made one (shown once). */
export const CreatedUserAnswerSchema = z.object({
  user: StaffUserSchema,
  password: z.string().optional(),
});
export type CreatedUserAnswer = z.infer<typeof CreatedUserAnswerSchema>;

/** PATCH /api/users/:id. */
export const StaffUserAnswerSchema = z.object({ user: StaffUserSchema });
