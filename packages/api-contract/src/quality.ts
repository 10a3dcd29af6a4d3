import { RESPONSE_FLAGS, type ResponseFlag } from '@jiuting/questionnaire';
import { z } from 'zod';
import { PageQueryFields } from './paging.ts';

export const ResponseFlagSchema = z.enum(RESPONSE_FLAGS, {
  error: `标记应为 ${RESPONSE_FLAGS.join('、')} 之一`,
});

const FlagCountsSchema = z.object(
  Object.fromEntries(RESPONSE_FLAGS.map((f) => [f, z.number()])) as Record<
    ResponseFlag,
    z.ZodNumber
  >,
);

/** GET /api/quality's filters. */
export const QualityQuerySchema = z.object({
  year: z.coerce
    .number({ error: '年度应为数字' })
    .int()
    .min(2025, '年度不能早于 2025')
    .max(2100, '年度不正确')
    .optional(),
  community: z.string().max(32).optional(),
  collector: z.string().max(64).optional(),
  flag: ResponseFlagSchema.optional(),
  ...PageQueryFields,
});

const TallyFields = { responses: z.number(), flagged: z.number(), flags: FlagCountsSchema };

/** A response the quality signals flag. */
export const FlaggedResponseSchema = z.object({
  id: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  collector: z.string().nullable(),
  collectorId: z.string().nullable(),
  channel: z.string(),
  householdKey: z.string(),
  collectedAt: z.string(),
  fillSeconds: z.number().nullable(),
  answerChanges: z.number().nullable(),
  score: z.number(),
  counted: z.boolean(),
  invalid: z.boolean(),
  flags: z.array(ResponseFlagSchema),
});
export type FlaggedResponse = z.infer<typeof FlaggedResponseSchema>;

/** GET /api/quality: evidence on the survey data, read-only. */
export const QualityAnswerSchema = z.object({
  year: z.number(),
  thresholds: z.object({
    minFillSeconds: z.number(),
    collectorBurstCount: z.number(),
    collectorBurstMinutes: z.number(),
    fingerprintBurstCount: z.number(),
    fingerprintBurstMinutes: z.number(),
    nightStartHour: z.number(),
    nightEndHour: z.number(),
    doorAboveQrPoints: z.number(),
    doorAboveQrMinEach: z.number(),
  }),
  communities: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      ...TallyFields,
      doorCount: z.number(),
      qrCount: z.number(),
      doorMean: z.number().nullable(),
      qrMean: z.number().nullable(),
      doorAboveQr: z.boolean(),
    }),
  ),
  collectors: z.array(
    z.object({ userId: z.string(), name: z.string().nullable(), ...TallyFields }),
  ),
  flagged: z.object({
    items: z.array(FlaggedResponseSchema),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
  }),
});
export type QualityAnswer = z.infer<typeof QualityAnswerSchema>;
