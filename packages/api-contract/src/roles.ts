import { z } from 'zod';

/** Who signs in (README glossary): 管理员, 考核专班, 采集员, 访谈员, 部门评分员. */
export const ROLES = [
  'admin',
  'coordinator',
  'canvasser',
  'interviewer',
  'department_scorer',
] as const;
export type Role = (typeof ROLES)[number];

export const RoleSchema = z.enum(ROLES, {
  error: '角色应为 admin、coordinator、canvasser、interviewer 或 department_scorer',
});
