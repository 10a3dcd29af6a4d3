import { PingAnswerSchema } from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/ping', { schema: { response: { 200: PingAnswerSchema } } }, async () => ({
    ok: true as const,
    time: app.now().toISOString(),
  }));
};
export default routes;
