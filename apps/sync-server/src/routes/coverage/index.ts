import { CoverageAnswerSchema } from '@jiuting/api-contract';
import { shanghaiDay } from '@jiuting/questionnaire';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { collectorProgress, emptyCollectorRow, townTotals } from '../../services/coverage.ts';
import { coverageRows } from '../../services/coverage-rows.ts';
import { townVisits, withCollectorVisits } from '../../services/visit-figures.ts';
import { fastSchemaSerializer } from '../fast-serializer.ts';
import { YearQuerySchema } from '../schemas.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/coverage',
    {
      schema: {
        querystring: YearQuerySchema,
        response: {
          200: CoverageAnswerSchema,
          ...errorResponses(400, 401, 403),
        },
      },
      onRequest: app.requireRole('admin', 'coordinator', 'canvasser', 'interviewer'),
      // The dashboard polls this; at 100,000 responses re-validating the ~1,500 collector-days
      // on the way out (the zod serializer) doubled the request's time.
      serializerCompiler: fastSchemaSerializer,
    },
    async (request) => {
      const { user } = principalOf(request);
      const year = app.repos.years.resolve(request.query.year);
      const staff = user.role === 'admin' || user.role === 'coordinator';
      const mine = new Set(user.communities);
      // Field staff see the progress of their own communities and their own work, nothing else.
      const visible = app.repos.communities.list().filter((c) => staff || mine.has(c.code));
      const communities = coverageRows(app.repos, visible, year);
      const users = new Map(
        (staff ? app.repos.users.list() : [user]).map((u) => [u.id, u] as const),
      );
      const collectors = withCollectorVisits(
        collectorProgress(app.repos.coverage.collectorDays(year), users),
        app.repos.visits.collectorCounts(year),
        (userId) => {
          const u = users.get(userId);
          return u ? emptyCollectorRow(u) : undefined;
        },
      );
      const day = shanghaiDay(app.now().toISOString());
      const progress = new Map(
        app.repos.coverage.fieldProgress(year, day, user.id).map((p) => [p.code, p] as const),
      );
      return {
        year,
        communities,
        town: { ...townTotals(communities), visits: townVisits(communities) },
        collectors,
        fieldProgress: {
          day,
          communities: visible.map((c) => ({
            code: c.code,
            today: progress.get(c.code)?.today ?? 0,
            mine: progress.get(c.code)?.mine ?? 0,
          })),
        },
      };
    },
  );
};
export default routes;
