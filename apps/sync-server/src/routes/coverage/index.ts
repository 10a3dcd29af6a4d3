import { CoverageAnswerSchema } from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { collectorProgress, communityCoverage, townTotals } from '../../services/coverage.ts';
import { fastSchemaSerializer } from '../fast-serializer.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/coverage',
    {
      schema: {
        response: {
          200: CoverageAnswerSchema,
          ...errorResponses(401, 403),
        },
      },
      onRequest: app.requireRole('admin', 'coordinator', 'canvasser', 'interviewer'),
      // The dashboard polls this; at 100,000 responses re-validating the ~1,500 collector-days
      // on the way out (the zod serializer) doubled the request's time.
      serializerCompiler: fastSchemaSerializer,
    },
    async (request) => {
      const { user } = principalOf(request);
      const staff = user.role === 'admin' || user.role === 'coordinator';
      const mine = new Set(user.communities);
      // Field staff see the progress of their own communities and their own work, nothing else.
      const visible = app.repos.communities.list().filter((c) => staff || mine.has(c.code));
      const communities = communityCoverage(
        visible,
        app.repos.coverage.responseTotals(),
        app.repos.coverage.interviewCounts(),
        app.repos.registers.totals(),
      );
      const users = new Map(
        (staff ? app.repos.users.list() : [user]).map((u) => [u.id, u] as const),
      );
      return {
        communities,
        town: townTotals(communities),
        collectors: collectorProgress(app.repos.coverage.collectorDays(), users),
      };
    },
  );
};
export default routes;
