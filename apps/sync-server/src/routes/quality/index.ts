import { QualityAnswerSchema, QualityQuerySchema } from '@jiuting/api-contract';
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
} from '@jiuting/questionnaire';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../errors.ts';
import { type FlaggedRows, keptFlags } from '../../services/kept-flags.ts';
import { keptUntilChanged } from '../../services/kept-until-changed.ts';
import { qualityReport } from '../../services/quality.ts';

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
        querystring: QualityQuerySchema,
        response: { 200: QualityAnswerSchema, ...errorResponses(400, 401, 403) },
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
