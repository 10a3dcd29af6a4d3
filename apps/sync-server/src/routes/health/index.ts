import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type HealthReport, healthReport } from '../../services/health.ts';

const reportSchema = z.object({
  status: z.enum(['ok', 'warning', 'failing']),
  database: z.object({ writable: z.boolean() }),
  disk: z.object({ freeBytes: z.number().nullable(), low: z.boolean() }),
  backup: z.object({
    lastAt: z.string().nullable(),
    ageHours: z.number().nullable(),
    stale: z.boolean(),
  }),
  publicUrl: z.object({
    url: z.string().nullable(),
    problem: z.enum(['missing', 'http', 'localhost']).nullable(),
  }),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<HealthReport>;

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
