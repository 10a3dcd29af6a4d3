import { CommunityParamsSchema, VisitListSchema, YearQuerySchema } from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { visitListHouseholds } from '../../services/visit-list.ts';
import { namedFieldsSerializer } from '../fast-serializer.ts';
import sampleRoutes from './sample.ts';

// The canvassers' visit list: a community's register with each household's state, the sample
// first. A handful of queries for the whole community, never one per household.
const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(sampleRoutes);
  app.get(
    '/communities/:code/visit-list',
    {
      schema: {
        params: CommunityParamsSchema,
        querystring: YearQuerySchema,
        response: { 200: VisitListSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: app.requireRole('canvasser', 'interviewer', 'coordinator', 'admin'),
      // 3,000 households: the zod serializer re-validates each, and fast-json-stringify runs a
      // validator per household to pick a branch of each nullable object (a quarter second).
      // Native JSON, writing only the names the schema declares, so nothing undeclared leaks.
      serializerCompiler: namedFieldsSerializer,
    },
    async (request) => {
      const { code } = request.params;
      const { user } = principalOf(request);
      if (!app.repos.communities.get(code)) throw new AppError('community_not_found');
      const staff = user.role === 'admin' || user.role === 'coordinator';
      if (!staff && !user.communities.includes(code)) {
        throw new AppError('visit_list_not_assigned');
      }
      const generatedAt = app.now().toISOString();
      // The round in progress: the open year's counted households and visits, unless a
      // coordinator asks for another year's.
      const year = app.repos.years.resolve(request.query.year);
      // One read transaction: the list is one moment's state, not a mix of two.
      return app.db.transaction(() => {
        const visits = app.repos.visits;
        if (!app.repos.registers.hasRegister(code)) {
          return {
            communityCode: code,
            generatedAt,
            registered: false,
            sample: null,
            households: [],
          };
        }
        const sample = visits.sample(code);
        return {
          communityCode: code,
          generatedAt,
          registered: true,
          sample: sample
            ? {
                drawnAt: sample.drawnAt,
                seed: sample.seed,
                size: sample.size,
                reserveSize: sample.reserveSize,
              }
            : null,
          households: visitListHouseholds({
            rows: visits.registerRows(code),
            counted: visits.countedResponses(code, year),
            latestVisits: visits.latestVisits(code, year),
            sampleEntries: sample ? visits.sampleEntries(code) : [],
          }),
        };
      })();
    },
  );
};
export default routes;
