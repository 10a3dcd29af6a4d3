import { CHANNEL_IDS } from '@jiuting/questionnaire';
import { z } from 'zod';
import { PageQueryFields } from './paging.ts';
import { ResponseFlagSchema } from './quality.ts';
import { plain, YearQuerySchema } from './text.ts';

/** Who marked a record invalid, when and why; null while it is valid. */
export const ReviewMarkSchema = z.object({
  at: z.string(),
  reason: z.string(),
  byUserId: z.string().nullable(),
  byDisplayName: z.string().nullable(),
});
export type ReviewMark = z.infer<typeof ReviewMarkSchema>;

const ItemBase = {
  id: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  collector: z.string().nullable(),
  collectedAt: z.string(),
  receivedAt: z.string(),
  invalid: ReviewMarkSchema.nullable(),
};

export const ReviewResponseSchema = z
  .object({
    ...ItemBase,
    householdKey: z.string(),
    /** The address as typed. */
    householdAddress: z.string(),
    channel: z.string(),
    score: z.number(),
    counted: z.boolean(),
    /** As stored: question ids → printed letters (a list for q10, q11) or text. */
    answers: z.record(z.string(), z.unknown()),
    startedAt: z.string().nullable(),
    answerChanges: z.number().nullable(),
    /** The questionnaire version the answers were given in (their letters are that version's). */
    questionnaireVersion: z.number(),
    /** The collector's device session (a sign-in on one phone); null for QR answers and imports. */
    sessionId: z.string().nullable(),
    /** The quality signals that flag it (see GET /api/quality). */
    flags: z.array(ResponseFlagSchema),
  })
  .meta({ id: 'ReviewResponse' });
export type ReviewResponse = z.infer<typeof ReviewResponseSchema>;

export const ReviewInterviewSchema = z
  .object({
    ...ItemBase,
    group: z.string(),
    method: z.string(),
    date: z.string(),
    view: z.string(),
  })
  .meta({ id: 'ReviewInterview' });
export type ReviewInterview = z.infer<typeof ReviewInterviewSchema>;

export const REVIEW_STATUSES = ['all', 'valid', 'invalid', 'repeat'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** GET /api/review/responses and /api/review/interviews. */
export const ReviewListQuerySchema = YearQuerySchema.extend({
  community: z.string().max(32).optional(),
  /** One record, as the quality view opens it. */
  id: z.string().max(64).optional(),
  status: z
    .enum(REVIEW_STATUSES, {
      error: '状态应为 all、valid、invalid 或 repeat',
    })
    .default('all'),
  channel: z.enum(CHANNEL_IDS, { error: '采集方式应为 door、qr、phone 或 paper' }).optional(),
  collector: z.string().max(64).optional(),
  flag: ResponseFlagSchema.optional(),
  address: plain(z.string().max(80, '门牌地址不能超过 80 个字'), '门牌地址').optional(),
  /** A page's nextCursor: the page after it, found by the index (page is then only echoed). */
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, '翻页位置不正确，请从第一页重新打开')
    .optional(),
  ...PageQueryFields,
});

/** POST …/:id/invalidate. */
export const ReviewReasonBodySchema = z.strictObject({
  reason: plain(
    z
      .string({ error: '请填写标记无效的原因' })
      .trim()
      .min(1, '请填写标记无效的原因')
      .max(200, '原因不能超过 200 个字'),
    '原因',
  ),
});

/** A page of the review list, keyset paged: `nextCursor` names the page after it. */
function cursorPageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
    /** Pass as `cursor` for the next page; null on the last one. */
    nextCursor: z.string().nullable(),
  });
}

export const ReviewResponsesPageSchema = cursorPageOf(ReviewResponseSchema);
export type ReviewResponsesPage = z.infer<typeof ReviewResponsesPageSchema>;
export const ReviewInterviewsPageSchema = cursorPageOf(ReviewInterviewSchema);
export type ReviewInterviewsPage = z.infer<typeof ReviewInterviewsPageSchema>;
/** A page of either list, as code that shows both reads it. */
export type ReviewPage = Omit<ReviewResponsesPage, 'items'> & {
  items: (ReviewResponse | ReviewInterview)[];
};

/** The record after a mark or a restore. */
export const ReviewResponseAnswerSchema = z
  .object({ item: ReviewResponseSchema })
  .meta({ id: 'ReviewResponseAnswer' });
export const ReviewInterviewAnswerSchema = z
  .object({ item: ReviewInterviewSchema })
  .meta({ id: 'ReviewInterviewAnswer' });
