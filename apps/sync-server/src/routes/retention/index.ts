import { RetentionAppliedSchema, RetentionPlanSchema } from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { applyRetention, retentionPlan } from '../../services/retention.ts';

export interface RetentionRouteOptions {
  retentionYears: number;
  backupDir: string;
  backupCopyDir: string | undefined;
}

// The retention rule (services/retention.ts) for the coordinators and the admin: a dry run of
// what would go, and the deletion itself (audited; the IT office can run the same with
// `npm run retention`).
const routes: FastifyPluginAsyncZod<RetentionRouteOptions> = async (app, opts) => {
  const staff = app.requireRole('admin', 'coordinator');
  const options = () => ({
    retentionYears: opts.retentionYears,
    now: app.now(),
    backupDir: opts.backupDir,
    backupCopyDir: opts.backupCopyDir,
  });

  app.get(
    '/retention',
    {
      schema: { response: { 200: RetentionPlanSchema, ...errorResponses(401, 403) } },
      onRequest: staff,
    },
    async () => retentionPlan(app.db, options()),
  );

  app.post(
    '/retention/apply',
    {
      schema: {
        response: {
          200: RetentionAppliedSchema,
          ...errorResponses(401, 403),
        },
      },
      onRequest: staff,
    },
    async (request) => {
      const result = await applyRetention(app.db, {
        ...options(),
        actorUserId: principalOf(request).user.id,
      });
      request.log.info(
        { years: result.deleted.map((d) => d.year), backupsPruned: result.backups.length },
        'retention applied',
      );
      return result;
    },
  );
};
export default routes;
