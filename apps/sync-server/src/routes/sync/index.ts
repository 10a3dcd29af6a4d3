import { SyncBodySchema, SyncResultsSchema } from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { kindsFor } from '../../repositories/users.ts';
import { countStatuses } from '../../services/ingest.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/sync',
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        body: SyncBodySchema,
        response: { 200: SyncResultsSchema, ...errorResponses(400, 401, 403, 413) },
      },
      onRequest: app.requireRole('canvasser', 'interviewer', 'coordinator', 'admin'),
    },
    async (request) => {
      const { user, sessionId } = principalOf(request);
      const fieldRole = user.role === 'canvasser' || user.role === 'interviewer';
      const at = app.now().toISOString();
      const results = await app.syncWriter.store({
        items: request.body.items,
        ctx: {
          receivedAt: at,
          userId: user.id,
          sessionId,
          source: 'sync',
          exportedBy: null,
          communities: fieldRole ? new Set(user.communities) : 'all',
          kinds: kindsFor(user.role),
        },
        log: request.log,
        // Committed with the batch's items or not at all: who sent how many, and what became of
        // them (counts only: never an answer or an address).
        audit: {
          at,
          action: 'synced',
          actorUserId: user.id,
          target: sessionId,
          ip: request.ip,
        },
      });
      request.log.info({ userId: user.id, ...countStatuses(results) }, 'sync batch');
      return { results };
    },
  );
};
export default routes;
