import { DEDUCTION_KIND_IDS, HONOUR_LEVELS } from '@jiuting/scorecard';
import { z } from 'zod';
import { BonusBodySchema, DeductionsBodySchema } from './assessment-adjustments.ts';
import { YearParamsSchema } from './assessment-years.ts';
import { plain } from './text.ts';

// Departments propose bonus and deduction entries with evidence; the team accepts or refuses.

export const ProposalParamsSchema = YearParamsSchema.extend({
  id: z.coerce.number().int().positive(),
});

const evidence = plain(
  z.string({ error: '请写明依据（文件、通报或台账）' }).max(500, '依据不能超过 500 个字'),
  '依据',
);

/** A department's proposed bonus or deduction entry, with its evidence. */
export const ProposalBodySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('honour'),
      communityCode: z.string().max(32),
      evidence,
      honour: BonusBodySchema.shape.honours.element,
    }),
    z.strictObject({
      kind: z.literal('case'),
      communityCode: z.string().max(32),
      evidence,
      case: BonusBodySchema.shape.cases.element,
    }),
    z.strictObject({
      kind: z.literal('deduction'),
      communityCode: z.string().max(32),
      evidence,
      deduction: DeductionsBodySchema.shape.deductions.element,
    }),
  ],
  { error: '建议类别应为荣誉、自治共治案例或扣分' },
);

export const DecisionBodySchema = z.strictObject({
  accept: z.boolean({ error: '请选择采纳或不采纳' }),
  reason: plain(
    z
      .string({ error: '请写明采纳或不采纳的理由' })
      .trim()
      .min(1, '请写明采纳或不采纳的理由')
      .max(200, '理由不能超过 200 个字'),
    '理由',
  ),
});

export const ProposalSchema = z.object({
  id: z.number(),
  communityCode: z.string(),
  kind: z.enum(['honour', 'case', 'deduction']),
  // The declared fields of each kind only, as the results answer the stored inputs.
  entry: z.union([
    z.object({
      work: z.string(),
      level: z.enum(HONOUR_LEVELS),
      bodies: z.number(),
      title: z.string().optional(),
    }),
    z.object({ title: z.string(), points: z.number() }),
    z.object({
      kind: z.enum(DEDUCTION_KIND_IDS),
      points: z.number().optional(),
      note: z.string().optional(),
    }),
  ]),
  evidence: z.string(),
  department: z.string(),
  proposedByName: z.string(),
  proposedAt: z.string(),
  state: z.enum(['proposed', 'accepted', 'refused']),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type Proposal = z.infer<typeof ProposalSchema>;

/** POST /api/assessment/:year/proposals. */
export const ProposalCreatedSchema = z.object({ id: z.number() });

/** GET /api/assessment/:year/proposals. */
export const ProposalsAnswerSchema = z.object({ proposals: z.array(ProposalSchema) });
export type ProposalsAnswer = z.infer<typeof ProposalsAnswerSchema>;

/** POST …/proposals/:id/decision. */
export const DecisionAnswerSchema = z.object({ state: z.enum(['accepted', 'refused']) });

export type ProposalCreated = z.infer<typeof ProposalCreatedSchema>;
export type DecisionAnswer = z.infer<typeof DecisionAnswerSchema>;
/** What the app sends (`z.input`: before defaults and trimming). */
export type ProposalBody = z.input<typeof ProposalBodySchema>;
export type DecisionBody = z.input<typeof DecisionBodySchema>;
