import { DEDUCTION_KIND_IDS, HONOUR_LEVELS } from '@jiuting/scorecard';
import { z } from 'zod';
import { YearParamsSchema } from './assessment-years.ts';
import { plain } from './text.ts';

// The coordinators' adjustments of a community's result: bonus, deductions, satisfaction.

export const AssessmentCommunityParamsSchema = YearParamsSchema.extend({
  code: z.string().max(32),
});

const reason = plain(z.string({ error: '理由应为文字' }).max(200, '理由不能超过 200 个字'), '理由');

export const BonusBodySchema = z.strictObject({
  honours: z.array(
    z.strictObject({
      work: plain(
        z.string({ error: '请填写获得荣誉的工作' }).max(100, '获得荣誉的工作不能超过 100 个字'),
        '获得荣誉的工作',
      ),
      level: z.enum(HONOUR_LEVELS, { error: '荣誉等级应为全国、市级或区级' }),
      bodies: z.number({ error: '获奖主体数应为数字' }),
      title: plain(z.string().max(100, '荣誉名称不能超过 100 个字'), '荣誉名称').optional(),
    }),
    { error: '荣誉应为列表' },
  ),
  cases: z.array(
    z.strictObject({
      title: plain(
        z.string({ error: '请填写案例名称' }).max(100, '案例名称不能超过 100 个字'),
        '案例名称',
      ),
      points: z.number({ error: '加分应为数字' }),
    }),
    { error: '自治共治优秀案例应为列表' },
  ),
  reason: reason.optional(),
});

export const DeductionsBodySchema = z.strictObject({
  deductions: z.array(
    z.strictObject({
      kind: z.enum(DEDUCTION_KIND_IDS, { error: '未知的扣分类别' }),
      points: z.number({ error: '扣分应为数字' }).optional(),
      note: plain(z.string().max(200, '情况说明不能超过 200 个字'), '情况说明').optional(),
    }),
    { error: '扣分事项应为列表' },
  ),
  reason: reason.optional(),
});

export const SatisfactionBodySchema = z.strictObject({
  /** null takes the override away: the survey's figure counts again. */
  points: z.number({ error: '得分应为数字' }).nullable(),
  reason: plain(
    z.string({ error: '调整群众满意度测评得分必须填写理由' }).max(200, '理由不能超过 200 个字'),
    '理由',
  ),
});

// The stored inputs as answered: the declared fields only (not z.unknown()), so whatever else a
// stored value might carry never leaves with it.
export const BonusInputAnswerSchema = z.object({
  honours: z
    .array(
      z.object({
        work: z.string(),
        level: z.enum(HONOUR_LEVELS),
        bodies: z.number(),
        title: z.string().optional(),
      }),
    )
    .readonly(),
  cases: z.array(z.object({ title: z.string(), points: z.number() })).readonly(),
});

export const DeductionsInputAnswerSchema = z
  .array(
    z.object({
      kind: z.enum(DEDUCTION_KIND_IDS),
      points: z.number().optional(),
      note: z.string().optional(),
    }),
  )
  .readonly();

/** PUT …/bonus and …/deductions: the points as the caps leave them. */
export const AdjustedAnswerSchema = z
  .object({ points: z.number(), capped: z.boolean() })
  .meta({ id: 'AdjustedAnswer' });

/** PUT …/satisfaction: the points that count now, and where they come from. */
export const SatisfactionAnswerSchema = z.object({
  points: z.number().nullable(),
  source: z.string(),
});

export type AdjustedAnswer = z.infer<typeof AdjustedAnswerSchema>;
export type SatisfactionAnswer = z.infer<typeof SatisfactionAnswerSchema>;
/** What the app sends (`z.input`: before defaults and trimming). */
export type BonusBody = z.input<typeof BonusBodySchema>;
export type DeductionsBody = z.input<typeof DeductionsBodySchema>;
export type SatisfactionBody = z.input<typeof SatisfactionBodySchema>;
