import { ITEM_IDS } from '@jiuting/scorecard';
import { z } from 'zod';
import { BonusInputAnswerSchema, DeductionsInputAnswerSchema } from './assessment-adjustments.ts';
import { GradeRuleSchema } from './assessment-years.ts';

// What the team reads: the results table and ranking, and the year's audit trail.

const nullableNumber = z.number().nullable();

/** A community's row of the results table. */
export const CommunityResultSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    type: z.enum(['导入居', '村改居']),
    /** null while 待定: the community is not complete and the year is not locked. */
    rank: z.number().nullable(),
    ofType: z.number(),
    grade: z.enum(['优秀', '良好', '一般']).nullable(),
    total: z.number(),
    indicatorPoints: z.number(),
    complete: z.boolean(),
    missing: z.array(z.string()),
    pending: z.array(z.string()),
    items: z.record(z.enum(ITEM_IDS), nullableNumber),
    indicators: z.record(z.string(), z.number()),
    satisfaction: z.object({
      points: nullableNumber,
      source: z.enum(['survey', 'override', 'missing']),
      computed: nullableNumber,
      override: z
        .object({ points: z.number(), reason: z.string(), by: z.string(), at: z.string() })
        .nullable(),
    }),
    bonus: z.object({ points: z.number(), uncapped: z.number(), capped: z.boolean() }),
    deductions: z.object({ points: z.number(), capped: z.boolean() }),
    bonusInput: BonusInputAnswerSchema,
    deductionsInput: DeductionsInputAnswerSchema,
    coverage: z
      .object({
        surveyed: z.number(),
        total: z.number(),
        ratio: z.number(),
        meetsTarget: z.boolean(),
      })
      .nullable(),
    interviews: z.object({ count: z.number(), meetsTarget: z.boolean() }).nullable(),
    coverageBelowFloor: z.boolean(),
  })
  .meta({ id: 'CommunityResult' });
export type CommunityResult = z.infer<typeof CommunityResultSchema>;

/** GET /api/assessment/:year/results. */
export const ResultsAnswerSchema = z.object({
  year: z.number(),
  state: z.enum(['open', 'locked']),
  gradeRule: GradeRuleSchema,
  communities: z.array(CommunityResultSchema),
});
export type ResultsAnswer = z.infer<typeof ResultsAnswerSchema>;

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  communityCode: z.string().nullable(),
  itemId: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  reason: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** GET /api/assessment/:year/audit. */
export const AuditAnswerSchema = z.object({ entries: z.array(AuditEntrySchema) });
export type AuditAnswer = z.infer<typeof AuditAnswerSchema>;
