import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../errors.ts';
import { PageQueryFields } from '../schemas.ts';

const SyncConflictSchema = z.object({
  conflictId: z.number(),
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  sessionId: z.string().nullable(),
  source: z.string(),
  kind: z.enum(['survey', 'interview', 'visit']),
  communityCode: z.string(),
  storedHash: z.string(),
  receivedHash: z.string(),
});

// Records refused because their id was already stored with other content: which record, who
// sent it from which device, when, and the hashes of both versions (never their content).
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sync-conflicts',
    {
      schema: {
        querystring: z.object(PageQueryFields),
        response: {
          200: z.object({
            items: z.array(SyncConflictSchema),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
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
