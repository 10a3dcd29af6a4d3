import { IdParamsSchema, OkAnswerSchema, SessionsAnswerSchema } from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { manageableRoles } from '../../repositories/users.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'coordinator');

  app.get(
    '/sessions',
    {
      schema: {
        response: {
          200: SessionsAnswerSchema,
          ...errorResponses(401, 403),
        },
      },
      onRequest: staff,
    },
    async (request) => {
      const { user, sessionId } = principalOf(request);
      const now = app.now().toISOString();
      const sessions = app.repos.sessions
        .listActive(now, manageableRoles(user.role))
        .concat(
          user.role === 'coordinator'
            ? app.repos.sessions
                .listActive(now, ['coordinator'])
                .filter((s) => s.userId === user.id)
            : [],
        );
      return {
        sessions: sessions.map(({ revokedAt: _r, ...s }) => ({
          ...s,
          current: s.id === sessionId,
        })),
      };
    },
  );

  app.delete(
    '/sessions/:id',
    {
      schema: {
        params: IdParamsSchema,
        response: { 200: OkAnswerSchema, ...errorResponses(401, 403, 404) },
      },
      onRequest: staff,
    },
    async (request) => {
      const { user } = principalOf(request);
      const at = app.now().toISOString();
      const session = app.audited(() => {
        const found = app.repos.sessions.findById(request.params.id);
        if (!found) throw new AppError('session_not_found');
        const own = found.user_id === user.id;
        if (!own && !manageableRoles(user.role).includes(found.role)) {
          throw new AppError('forbidden');
        }
        app.repos.sessions.revoke(found.id, at);
        return {
          result: found,
          audit: {
            at,
            action: 'session_revoked',
            actorUserId: user.id,
            target: found.id,
            ip: request.ip,
            detail: { userId: found.user_id },
          },
        };
      });
      request.log.info({ sessionId: session.id, userId: session.user_id }, 'session revoked');
      return { ok: true as const };
    },
  );
};
export default routes;
