import { z } from 'zod';
import { PageQueryFields, pageOf } from './paging.ts';
import { YearQuerySchema } from './text.ts';

/** The texts residents typed: q12 (suggestions) and the 其他 of q10 and q11. */
export const FEEDBACK_TEXT_FIELDS = ['q12', 'q10Other', 'q11Other'] as const;
export type FeedbackField = (typeof FEEDBACK_TEXT_FIELDS)[number];

export const OptionTallySchema = z.object({
  letter: z.string(),
  label: z.string(),
  town: z.number(),
  byCommunity: z.record(z.string(), z.number()),
});
export type OptionTally = z.infer<typeof OptionTallySchema>;

/** GET /api/feedback/tallies: every printed option of q10 and q11, chosen or not. */
export const FeedbackTalliesSchema = z.object({
  /** The assessment year counted (?year=, the open year by default). */
  year: z.number(),
  respondents: z.object({ town: z.number(), byCommunity: z.record(z.string(), z.number()) }),
  questions: z.array(
    z.object({
      id: z.enum(['q10', 'q11']),
      number: z.number(),
      text: z.string(),
      options: z.array(OptionTallySchema),
    }),
  ),
});
export type FeedbackTallies = z.infer<typeof FeedbackTalliesSchema>;

export const FeedbackTextsQuerySchema = YearQuerySchema.extend({
  community: z.string().max(32).optional(),
  field: z
    .enum(FEEDBACK_TEXT_FIELDS, { error: '文字类别应为 q12、q10Other 或 q11Other' })
    .optional(),
  q: z.string().trim().max(100, '搜索内容不能超过 100 个字').optional(),
  ...PageQueryFields,
});

export const FeedbackTextSchema = z.object({
  responseId: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  field: z.enum(FEEDBACK_TEXT_FIELDS),
  text: z.string(),
  collectedAt: z.string(),
});
export type FeedbackText = z.infer<typeof FeedbackTextSchema>;

/** GET /api/feedback/texts: verbatim, as JSON strings (showing them as text is the client's job). */
export const FeedbackTextsSchema = pageOf(FeedbackTextSchema).extend({
  /** The assessment year whose texts these are. */
  year: z.number(),
});
export type FeedbackTexts = z.infer<typeof FeedbackTextsSchema>;
