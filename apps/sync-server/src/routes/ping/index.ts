import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ping',
    { schema: { response: { 200: z.object({ ok: z.literal(true), time: z.string() }) } } },
    async () => ({ ok: true as const, time: app.now().toISOString() }),
  );
};
export default routes;
