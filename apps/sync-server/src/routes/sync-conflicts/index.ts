import { PageQuerySchema, SyncConflictsPageSchema } from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../errors.ts';

// Records refused because their id was already stored with other content: which record, who
// sent it from which device, when, and the hashes of both versions (never their content).
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sync-conflicts',
    {
      schema: {
        querystring: PageQuerySchema,
        response: {
          200: SyncConflictsPageSchema,
          ...errorResponses(400, 401, 403),
        },
      },
      onRequest: app.requireRole('admin', 'coordinator'),
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const { items, total } = app.repos.audit.syncConflicts(pageSize, (page - 1) * pageSize);
      return { items, total, page, pageSize };
    },
  );
};
export default routes;
