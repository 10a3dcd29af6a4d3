import { containsUnsafeCharacter, UNSAFE_CHARACTER_MESSAGE } from '@jiuting/questionnaire';
import { z } from 'zod';
import { ROLES, type User } from '../repositories/users.ts';

/**
 * A text field the server stores, as a person typed it: its schema already bounds the length;
 * this refuses control characters, bidi overrides and lone surrogates, the same set the
 * questionnaire's fields refuse, with the field's name in the message.
 */
export function plain<T extends z.ZodType<string>>(schema: T, label: string) {
  return schema.refine(
    (text) => !containsUnsafeCharacter(text),
    `${label}${UNSAFE_CHARACTER_MESSAGE}`,
  );
}

/** The most CSV text an import takes (27 communities need a few kilobytes). */
export const CSV_MAX_LENGTH = 200_000;

/** Each line's cells are checked by the import itself, which names the line. */
export const CsvTextSchema = z
  .string({ error: '请提供 CSV 文本' })
  .min(1, 'CSV 为空')
  .max(CSV_MAX_LENGTH, `CSV 不能超过 ${CSV_MAX_LENGTH} 个字符`);

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

/** `?year=`: the assessment year a view reads; the open (latest) year when absent. */
export const YearQuerySchema = z.object({
  year: z.coerce
    .number({ error: '年度应为四位数字' })
    .int('年度应为四位数字')
    .min(2000, '年度应在 2000 到 2100 之间')
    .max(2100, '年度应在 2000 到 2100 之间')
    .optional(),
});
