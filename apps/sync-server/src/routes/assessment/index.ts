import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assessmentContext } from './context.ts';
import { coordinationRoutes } from './coordination.ts';
import { proposalRoutes } from './proposals.ts';
import { scoringRoutes } from './scoring.ts';
import { yearRoutes } from './years.ts';

// The comprehensive assessment (附件2, issue 7): years, department scores, coordinators'
// adjustments, results, the 12345 import, the audit trail and the .xlsx export. Rules come
// from @jiuting/scorecard; every write refuses a locked year with 409 `assessment_locked`.
const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = assessmentContext(app);
  await app.register(yearRoutes(ctx));
  await app.register(scoringRoutes(ctx));
  await app.register(coordinationRoutes(ctx));
  await app.register(proposalRoutes(ctx));
};
export default routes;
