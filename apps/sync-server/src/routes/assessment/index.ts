import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { adjustmentRoutes } from './adjustments.ts';
import { hotlineRoutes } from './hotline.ts';
import { proposalRoutes } from './proposals.ts';
import { resultRoutes } from './results.ts';
import { scoringRoutes } from './scoring.ts';
import { yearRoutes } from './years.ts';

// The comprehensive assessment (附件2, issue 7): years, department scores, coordinators'
// adjustments, results, the 12345 import, the audit trail and the .xlsx export. Rules come
// from @jiuting/scorecard and the year's logic from services/assessment (app.assessment), whose
// write helpers refuse a locked year with 409 `assessment_locked` and record each audit row.
const routes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.assessment;
  await app.register(yearRoutes(ctx));
  await app.register(scoringRoutes(ctx));
  await app.register(adjustmentRoutes(ctx));
  await app.register(hotlineRoutes(ctx));
  await app.register(resultRoutes(ctx));
  await app.register(proposalRoutes(ctx));
};
export default routes;
