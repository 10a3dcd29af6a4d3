import {
  GradeRuleSchema as ScorecardGradeRuleSchema,
  YearSettingsSchema as ScorecardYearSettingsSchema,
} from '@jiuting/scorecard';
import { z } from 'zod';
import { plain } from './text.ts';

// /api/assessment/years and a year's settings and lock. The assessment's rules (ranges, steps,
// caps, who scores what) are checked by @jiuting/scorecard in the handlers, so a refusal carries
// the package's own stable code.

/** @jiuting/scorecard's grade rule, one component of the API reference. */
export const GradeRuleSchema = ScorecardGradeRuleSchema.meta({ id: 'GradeRule' });

/** @jiuting/scorecard's year settings (case points and cap, interview share, coverage rule). */
export const YearSettingsSchema = ScorecardYearSettingsSchema.meta({ id: 'YearSettings' });

export const YearParamsSchema = z.object({
  year: z.coerce
    .number({ error: '年度应为数字' })
    .int('年度应为整数')
    .min(2000, '年度不正确')
    .max(2100, '年度不正确'),
});

const CollectionDaySchema = z
  .string({ error: '日期应为 YYYY-MM-DD' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期应为 YYYY-MM-DD，例如 2026-01-01')
  .nullable();

const QuestionnaireVersionSchema = z
  .number({ error: '问卷版本应为数字' })
  .int('问卷版本应为整数')
  .min(1, '问卷版本应为正整数');

/** A year's collection settings: the questionnaire version and the window (Shanghai days). */
const collectionFields = {
  questionnaireVersion: QuestionnaireVersionSchema.optional(),
  collectionFrom: CollectionDaySchema.optional(),
  collectionTo: CollectionDaySchema.optional(),
};

const windowInOrder = (c: { collectionFrom?: string | null; collectionTo?: string | null }) =>
  !c.collectionFrom || !c.collectionTo || c.collectionFrom <= c.collectionTo;
const WINDOW_ORDER_ISSUE = { message: '采集结束日期不能早于开始日期', path: ['collectionTo'] };

// A reason goes into the audit trail as typed: plain() refuses hidden characters there.
const reasonFor = (what: string) =>
  plain(
    z
      .string({ error: `请写明修改${what}的理由` })
      .trim()
      .min(1, `请写明修改${what}的理由`)
      .max(200, '理由不能超过 200 个字'),
    '理由',
  );

export const CreateYearSchema = z
  .strictObject({
    year: z.number({ error: '请填写年度' }).int('年度应为整数').min(2000).max(2100),
    ...collectionFields,
  })
  .refine(windowInOrder, WINDOW_ORDER_ISSUE);

export const CollectionBodySchema = z
  .strictObject({
    questionnaireVersion: QuestionnaireVersionSchema,
    collectionFrom: CollectionDaySchema,
    collectionTo: CollectionDaySchema,
    reason: reasonFor('采集设置'),
  })
  .refine(windowInOrder, WINDOW_ORDER_ISSUE);

/** PUT /api/assessment/:year/settings. */
export const SettingsBodySchema = z.strictObject({
  settings: YearSettingsSchema,
  reason: reasonFor('年度设置'),
});

/** PUT /api/assessment/:year/grade-rule. */
export const GradeRuleBodySchema = z.strictObject({
  rule: GradeRuleSchema,
  reason: reasonFor('等次规则'),
});

export const LockBodySchema = z.strictObject({
  note: plain(
    z
      .string({ error: '请填写镇党委定案的依据' })
      .trim()
      .min(1, '请填写镇党委定案的依据（如会议纪要编号）')
      .max(200, '定案依据不能超过 200 个字'),
    '定案依据',
  ),
  /** Incompleteness the team accepts, each by its key from GET …/lock-check, with a reason. */
  accepted: z
    .array(
      z.strictObject({
        key: z.string({ error: '请指明接受的事项' }).max(100),
        reason: plain(
          z
            .string({ error: '请写明接受该事项的理由' })
            .trim()
            .min(1, '请写明接受该事项的理由')
            .max(200, '理由不能超过 200 个字'),
          '理由',
        ),
      }),
      { error: '接受的事项应为列表' },
    )
    .max(500)
    .optional(),
});

/** POST /api/assessment/:year/lock, as the app sends it. */
export type LockBody = z.input<typeof LockBodySchema>;

export const LockIssueSchema = z.object({
  key: z.string(),
  kind: z.string(),
  message: z.string(),
  communityCode: z.string().nullable(),
  itemId: z.string().nullable(),
});
/** Something that stands between the year and its lock (GET …/lock-check). */
export type LockIssue = z.infer<typeof LockIssueSchema>;

export const YearSchema = z
  .object({
    year: z.number(),
    state: z.enum(['open', 'locked']),
    createdAt: z.string(),
    lockedAt: z.string().nullable(),
    lockNote: z.string().nullable(),
    /** The rule the year's grades follow (the scorecard's default until the team sets one). */
    gradeRule: GradeRuleSchema,
    /** What the lock accepted as incomplete, with the reasons. */
    lockExceptions: z.array(
      z.object({ key: z.string(), kind: z.string(), message: z.string(), reason: z.string() }),
    ),
    /** Case points and cap, interview share, coverage consequence (defaults until set). */
    settings: YearSettingsSchema,
    /** The questionnaire version the year collects with. */
    questionnaireVersion: z.number(),
    /** The collection window, Shanghai days inclusive; null: from the year's opening / no end. */
    collectionFrom: z.string().nullable(),
    collectionTo: z.string().nullable(),
    /** When retention deleted the year's raw answers and notes (null: kept). */
    rawDeletedAt: z.string().nullable(),
  })
  .meta({ id: 'AssessmentYear' });
export type AssessmentYear = z.infer<typeof YearSchema>;

/** GET /api/assessment/years; currentYear: the year collection goes to (the latest opened). */
export const YearsAnswerSchema = z.object({ years: z.array(YearSchema), currentYear: z.number() });
export type YearsAnswer = z.infer<typeof YearsAnswerSchema>;

/** A year after a change to it (create, collection, grade rule, settings, lock). */
export const YearAnswerSchema = z.object({ year: YearSchema }).meta({ id: 'YearAnswer' });

/** GET /api/assessment/:year/lock-check. */
export const LockCheckAnswerSchema = z.object({ issues: z.array(LockIssueSchema) });
export type LockCheckAnswer = z.infer<typeof LockCheckAnswerSchema>;

/** What the app sends (`z.input`: before defaults and trimming). */
export type CreateYearBody = z.input<typeof CreateYearSchema>;
export type GradeRuleBody = z.input<typeof GradeRuleBodySchema>;
export type SettingsBody = z.input<typeof SettingsBodySchema>;
