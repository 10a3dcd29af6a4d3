// zod schemas of everything the server receives for the assessment, with Chinese messages. The
// rules themselves live in the check functions; the schemas call them, so a form, the server
// and the computing functions refuse the same things with the same words. Schemas never
// transform: what is validated is what is stored.

import { z } from 'zod';
import './locale.ts';
import { ITEM_IDS } from './assessment-table.ts';
import { checkHonour, checkSelfGovernanceCase, HONOUR_LEVELS } from './bonus.ts';
import { checkDeduction, DEDUCTION_KIND_IDS } from './deductions.ts';
import { DEPARTMENT_IDS } from './departments.ts';
import type { ScorecardError } from './errors.ts';
import { COMMUNITY_TYPES, checkGradeRule } from './grades.ts';
import { checkItemScoreEntry } from './item-scores.ts';
import { checkSatisfactionOverride } from './satisfaction.ts';
import { containsUnsafeCharacter, UNSAFE_CHARACTER_MESSAGE } from './text.ts';
import { COVERAGE_CONSEQUENCES, checkYearSettings } from './year-settings.ts';

const points = z.number({ error: '分值应为数字' }).finite('分值应为数字');
/** Text a person types: bounded, and refused (not stripped) when it holds control characters. */
const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 个字`, abort: true })
    .refine((t) => !containsUnsafeCharacter(t), `${label}${UNSAFE_CHARACTER_MESSAGE}`);

/** Adds a check function's refusal as an issue at its field. */
function asIssue(error: ScorecardError | null, ctx: z.RefinementCtx): void {
  if (!error) return;
  ctx.addIssue({
    code: 'custom',
    message: error.message,
    path: error.path ? error.path.split('.') : [],
    params: { code: error.code },
  });
}

export const HonourSchema = z
  .strictObject({
    work: text('获得荣誉的工作', 100),
    level: z.enum(HONOUR_LEVELS, { error: '荣誉等级应为全国、市级或区级' }),
    bodies: z.number({ error: '获奖主体数应为数字' }),
    title: text('荣誉名称', 100).optional(),
  })
  .superRefine((honour, ctx) => asIssue(checkHonour(honour), ctx));

export const SelfGovernanceCaseSchema = z
  .strictObject({ title: text('案例名称', 100), points })
  .superRefine((c, ctx) => asIssue(checkSelfGovernanceCase(c), ctx));

export const BonusInputSchema = z.strictObject({
  honours: z.array(HonourSchema, { error: '荣誉应为列表' }),
  cases: z.array(SelfGovernanceCaseSchema, { error: '自治共治优秀案例应为列表' }),
});

export const DeductionCaseSchema = z
  .strictObject({
    kind: z.enum(DEDUCTION_KIND_IDS, { error: '未知的扣分类别' }),
    points: points.optional(),
    note: text('情况说明', 200).optional(),
  })
  .superRefine((d, ctx) => asIssue(checkDeduction(d).error, ctx));

export const ItemScoreEntrySchema = z
  .strictObject({
    itemId: z.enum(ITEM_IDS, { error: '未知的考核项目' }),
    department: z.enum(DEPARTMENT_IDS, { error: '未知的评分部门' }),
    points,
    // Its length is the rule's to refuse (basis_too_long), under its own code.
    basis: z
      .string({ error: '请填写评分依据' })
      .refine((t) => !containsUnsafeCharacter(t), `评分依据${UNSAFE_CHARACTER_MESSAGE}`),
  })
  .superRefine((entry, ctx) => asIssue(checkItemScoreEntry(entry), ctx));

export const SatisfactionOverrideSchema = z
  .strictObject({
    points,
    reason: text('调整群众满意度测评得分的理由', 200),
    by: text('调整得分的操作人', 64),
    at: z.iso.datetime({ offset: true, error: '调整时间格式不正确' }),
  })
  .superRefine((o, ctx) => asIssue(checkSatisfactionOverride(o, ''), ctx));

const thresholds = {
  excellentFrom: z.number({ error: '优秀分数线应为数字' }),
  goodFrom: z.number({ error: '良好分数线应为数字' }),
};

export const GradeRuleSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('shares'),
        excellentPercent: z.number({ error: '优秀比例应为数字' }),
        goodPercent: z.number({ error: '良好比例应为数字' }),
      }),
      z.strictObject({
        kind: z.literal('thresholds'),
        ...thresholds,
        byType: z.partialRecord(z.enum(COMMUNITY_TYPES), z.strictObject(thresholds)).optional(),
      }),
    ],
    { error: '等次规则应为 shares（按比例）或 thresholds（按分数线）' },
  )
  .superRefine((rule, ctx) => asIssue(checkGradeRule(rule), ctx));

export const YearSettingsSchema = z
  .strictObject({
    casePoints: z.strictObject({
      min: z.number({ error: '最低加分应为数字' }),
      max: z.number({ error: '最高加分应为数字' }),
    }),
    casesCap: z.number({ error: '合计加分上限应为数字' }),
    interviewShare: z.number({ error: '访谈占比应为数字' }),
    coverageConsequence: z.enum(COVERAGE_CONSEQUENCES, {
      error: '覆盖率不足 30% 的处理方式不正确',
    }),
  })
  .superRefine((settings, ctx) => asIssue(checkYearSettings(settings), ctx));
