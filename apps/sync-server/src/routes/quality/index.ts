import {
  COLLECTOR_BURST_COUNT,
  COLLECTOR_BURST_MINUTES,
  DOOR_ABOVE_QR_MIN_EACH,
  DOOR_ABOVE_QR_POINTS,
  FINGERPRINT_BURST_COUNT,
  FINGERPRINT_BURST_MINUTES,
  MIN_FILL_SECONDS,
  NIGHT_END_HOUR,
  NIGHT_START_HOUR,
  RESPONSE_FLAGS,
} from '@jiuting/questionnaire';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../errors.ts';
import { type FlaggedRows, keptFlags } from '../../services/kept-flags.ts';
import { keptUntilChanged } from '../../services/kept-until-changed.ts';
import { qualityReport } from '../../services/quality.ts';
import { PageQueryFields } from '../schemas.ts';

export const FlagSchema = z.enum(RESPONSE_FLAGS, {
  error: `标记应为 ${RESPONSE_FLAGS.join('、')} 之一`,
});

const FlagCountsSchema = z.object(
  Object.fromEntries(RESPONSE_FLAGS.map((f) => [f, z.number()])) as Record<
    (typeof RESPONSE_FLAGS)[number],
    z.ZodNumber
  >,
);

const QuerySchema = z.object({
  year: z.coerce
    .number({ error: '年度应为数字' })
    .int()
    .min(2025, '年度不能早于 2025')
    .max(2100, '年度不正确')
    .optional(),
  community: z.string().max(32).optional(),
  collector: z.string().max(64).optional(),
  flag: FlagSchema.optional(),
  ...PageQueryFields,
});

const TallyFields = { responses: z.number(), flagged: z.number(), flags: FlagCountsSchema };

export const QualitySchema = z.object({
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
    items: z.array(
      z.object({
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
        flags: z.array(FlagSchema),
      }),
    ),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
  }),
});

// Coordinators' evidence on the survey data: read-only. A response is judged (marked invalid)
// only through review, which audits it; nothing here changes a count or a score.
const routes: FastifyPluginAsyncZod = async (app) => {
  const { quality } = app.repos;
  // Reading a year's responses and running the signals over them took most of a second at
  // 30,000 responses; the report only changes when the data does.
  // A few filters at a time: a report's flagged list can hold thousands of responses.
  const reports = keptUntilChanged<ReturnType<typeof qualityReport>>(quality.version, 4);
  // Each year's rows and flags, brought up to date from the responses stored since (two years
  // at a time: the open one and the one a coordinator compares it with).
  const years = new Map<number, () => FlaggedRows>();
  const flaggedYear = (year: number): FlaggedRows => {
    let kept = years.get(year);
    if (!kept) {
      if (years.size >= 2) years.delete(years.keys().next().value as number);
      kept = keptFlags({
        changes: quality.changes,
        all: () => quality.responsesOfYear(year),
        after: (seq) => quality.responsesAfter(seq, year),
      });
      years.set(year, kept);
    }
    return kept();
  };

  app.get(
    '/quality',
    {
      schema: {
        querystring: QuerySchema,
        response: { 200: QualitySchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: app.requireRole('admin', 'coordinator'),
    },
    async (request) => {
      const { community, collector, flag, page, pageSize } = request.query;
      // The assessment year's responses (the open year by default), not a calendar year's.
      const year = app.repos.years.resolve(request.query.year);
      const report = reports(JSON.stringify([year, community, collector, flag]), () => {
        const kept = flaggedYear(year);
        return qualityReport(kept.rows, { community, collector, flag }, kept);
      });
      const start = (page - 1) * pageSize;
      return {
        year,
        thresholds: {
          minFillSeconds: MIN_FILL_SECONDS,
          collectorBurstCount: COLLECTOR_BURST_COUNT,
          collectorBurstMinutes: COLLECTOR_BURST_MINUTES,
          fingerprintBurstCount: FINGERPRINT_BURST_COUNT,
          fingerprintBurstMinutes: FINGERPRINT_BURST_MINUTES,
          nightStartHour: NIGHT_START_HOUR,
          nightEndHour: NIGHT_END_HOUR,
          doorAboveQrPoints: DOOR_ABOVE_QR_POINTS,
          doorAboveQrMinEach: DOOR_ABOVE_QR_MIN_EACH,
        },
        communities: report.communities,
        collectors: report.collectors,
        flagged: {
          items: report.flagged.slice(start, start + pageSize),
          total: report.flagged.length,
          page,
          pageSize,
        },
      };
    },
  );
};
export default routes;
