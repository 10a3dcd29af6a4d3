import { COMBINATION_RULES, ITEM_IDS } from '@jiuting/scorecard';
import { z } from 'zod';
import { YearParamsSchema } from './assessment-years.ts';
import { plain } from './text.ts';

// A department's scores of 附件2's items (department scorers), and the 12345 hotline figures.

export const ItemParamsSchema = YearParamsSchema.extend({
  itemId: z.enum(ITEM_IDS, { error: '未知的考核项目' }),
});

export const ScoreEntriesSchema = z.strictObject({
  entries: z
    .array(
      z.strictObject({
        itemId: z.string({ error: '请选择考核项目' }).max(64),
        communityCode: z.string({ error: '请选择居民区' }).max(32),
        points: z.number({ error: '得分应为数字' }),
        basis: plain(
          z.string({ error: '请填写评分依据' }).max(1000, '评分依据不能超过 1000 个字'),
          '评分依据',
        ),
      }),
      { error: '得分应为列表' },
    )
    .min(1, '没有要保存的得分')
    .max(500, '一次最多保存 500 条得分'),
});

export const ItemScoreSchema = z.object({
  communityCode: z.string(),
  itemId: z.string(),
  points: z.number(),
  basis: z.string(),
  department: z.string(),
  enteredAt: z.string(),
  confirmedAt: z.string().nullable(),
});
export type ItemScore = z.infer<typeof ItemScoreSchema>;

/** One department's own entry, as the lead sees it beside the others. */
export const ItemEntrySchema = z.object({
  communityCode: z.string(),
  itemId: z.string(),
  department: z.string(),
  departmentName: z.string(),
  points: z.number(),
  basis: z.string(),
  enteredByName: z.string(),
  enteredAt: z.string(),
});
export type DepartmentEntry = z.infer<typeof ItemEntrySchema>;

export const ConfirmedScoreSchema = z.object({
  communityCode: z.string(),
  itemId: z.string(),
  points: z.number(),
  basis: z.string(),
  /** The lead department that confirmed it. */
  department: z.string(),
  combinationRule: z.enum(COMBINATION_RULES),
  confirmedAt: z.string().nullable(),
});
export type ConfirmedScore = z.infer<typeof ConfirmedScoreSchema>;

/** The lead states how the departments' entries make the item's figure; its own by default. */
export const ConfirmBodySchema = z
  .strictObject({
    rule: z.enum(COMBINATION_RULES, { error: '合成规则应为“以牵头部门为准”或“取平均值”' }),
  })
  .partial()
  // A POST without a body reaches the schema as null: the lead's own figure, as before.
  .nullish();

export const HotlineSchema = z.object({
  communityCode: z.string(),
  ordersThisYear: z.number(),
  ordersLastYear: z.number(),
  satisfactionRate: z.number(),
  importedAt: z.string(),
});
export type HotlineFigures = z.infer<typeof HotlineSchema>;

/** An item a department scores, as its scoring page lists it. */
export const ScoringItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  indicator: z.string(),
  maxPoints: z.number(),
  step: z.number(),
  subItems: z.array(z.string()),
  printedDepartments: z.string(),
  /** This department confirms the item's points (its lead). */
  lead: z.boolean(),
});
export type ScoringItem = z.infer<typeof ScoringItemSchema>;

/** GET /api/assessment/:year/scoring: what the signed-in department scores. */
export const ScoringAnswerSchema = z.object({
  year: z.number(),
  state: z.enum(['open', 'locked']),
  department: z.object({ id: z.string(), name: z.string() }),
  items: z.array(ScoringItemSchema),
  communities: z.array(z.object({ code: z.string(), name: z.string(), type: z.string() })),
  /** This department's own entries. */
  scores: z.array(ItemScoreSchema),
  /** Every department's entries for the items this department leads. */
  entries: z.array(ItemEntrySchema),
  /** The confirmed figures of this department's items. */
  confirmed: z.array(ConfirmedScoreSchema),
  hotline: z.array(HotlineSchema),
});
export type ScoringAnswer = z.infer<typeof ScoringAnswerSchema>;

/** PUT /api/assessment/:year/scores. */
export const SavedScoresAnswerSchema = z.object({ saved: z.number(), changed: z.number() });

/** POST /api/assessment/:year/items/:itemId/confirm. */
export const ConfirmAnswerSchema = z.object({
  confirmed: z.number(),
  rule: z.enum(COMBINATION_RULES),
});

/** GET /api/assessment/:year/hotline. */
export const HotlineAnswerSchema = z.object({ rows: z.array(HotlineSchema) });
export type HotlineAnswer = z.infer<typeof HotlineAnswerSchema>;

/** POST /api/assessment/:year/hotline/import. */
export const HotlineImportAnswerSchema = z.object({ imported: z.number() });

export type SavedScoresAnswer = z.infer<typeof SavedScoresAnswerSchema>;
export type ConfirmAnswer = z.infer<typeof ConfirmAnswerSchema>;
export type HotlineImportAnswer = z.infer<typeof HotlineImportAnswerSchema>;
/** What the app sends (`z.input`: before defaults and trimming). */
export type ScoreEntriesBody = z.input<typeof ScoreEntriesSchema>;
