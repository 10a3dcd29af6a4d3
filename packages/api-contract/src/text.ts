import { containsUnsafeCharacter, UNSAFE_CHARACTER_MESSAGE } from '@jiuting/questionnaire';
import { z } from 'zod';

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

/** `{ ok: true }`: a write that has nothing else to say (logout, a revoked session). */
export const OkAnswerSchema = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });

/** `:code` of a community's routes. */
export const CommunityParamsSchema = z.object({ code: z.string().max(32) });

/** `:id` of a record (a user, a session, a response or an interview). */
export const IdParamsSchema = z.object({ id: z.string().max(64) });

/** `?year=`: the assessment year a view reads; the open (latest) year when absent. */
export const YearQuerySchema = z.object({
  year: z.coerce
    .number({ error: '年度应为四位数字' })
    .int('年度应为四位数字')
    .min(2000, '年度应在 2000 到 2100 之间')
    .max(2100, '年度应在 2000 到 2100 之间')
    .optional(),
});
