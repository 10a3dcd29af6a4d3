import { HealthReportSchema } from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { type HealthReport, healthReport } from '../../services/health.ts';

// The contract's schema and the service's report must not drift apart.
const reportSchema = HealthReportSchema satisfies z.ZodType<HealthReport>;

// For the proxy, a monitor and the dashboard: 503 when the server cannot store what phones send,
// so a monitor pages someone; warnings (disk running low, no recent backup, posters that would
// carry a wrong address) come with 200.
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    { schema: { response: { 200: reportSchema, 503: reportSchema } } },
    async (_request, reply) => {
      const report = healthReport(app.health.inputs());
      return reply.code(report.status === 'failing' ? 503 : 200).send(report);
    },
  );
};
export default routes;
