import { containsUnsafeCharacter, UNSAFE_CHARACTER_MESSAGE } from '@jiuting/questionnaire';
import { z } from 'zod';
import type { User } from '../repositories/users.ts';

// The response schemas both apps share live in @jiuting/api-contract; re-exported for the routes.
export {
  ItemResultSchema,
  PageQueryFields,
  RoleSchema,
  StaffUserSchema,
  SyncResultsSchema,
  UserSchema,
} from '@jiuting/api-contract';

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

/** Admins and coordinators reach every community; field staff their assigned ones. */
export function reachableCommunities(user: User, allCodes: () => string[]): string[] {
  return user.role === 'admin' || user.role === 'coordinator' ? allCodes() : user.communities;
}

/** `?year=`: the assessment year a view reads; the open (latest) year when absent. */
export const YearQuerySchema = z.object({
  year: z.coerce
    .number({ error: '年度应为四位数字' })
    .int('年度应为四位数字')
    .min(2000, '年度应在 2000 到 2100 之间')
    .max(2100, '年度应在 2000 到 2100 之间')
    .optional(),
});
