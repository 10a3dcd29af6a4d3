import {
  RetentionAppliedSchema,
  RetentionConfirmSchema,
  RetentionPlanSchema,
} from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { applyRetention, retentionConfirmation, retentionPlan } from '../../services/retention.ts';

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
        body: RetentionConfirmSchema,
        response: {
          200: RetentionAppliedSchema,
          ...errorResponses(400, 401, 403, 409),
        },
      },
      onRequest: staff,
    },
    async (request) => {
      const expected = retentionConfirmation(retentionPlan(app.db, options()));
      // Years typed with a comma or spaces between them read the same.
      const typed = request.body.confirm
        .split(/[、,，\s]+/)
        .filter((y) => y !== '')
        .join('、');
      if (typed !== expected) {
        throw new AppError(
          'retention_not_confirmed',
          undefined,
          expected === ''
            ? '现在没有到期的年度，未删除任何内容'
            : `确认的年度与现在到期的年度（${expected}）不一致，未删除任何内容`,
        );
      }
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
