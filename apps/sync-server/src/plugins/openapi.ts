import type { FastifyInstance } from 'fastify';
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
} from 'fastify-type-provider-zod';

/**
 * Collects every route's zod schemas into an OpenAPI document (`app.swagger()`), for
 * `npm run docs:api` and the test that keeps docs/openapi.json current. Registered before the
 * routes, and only when asked: @fastify/swagger is a development dependency, and production
 * serves no document.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  const { default: swagger } = await import('@fastify/swagger');
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '九亭镇居民区组织考核 · 同步服务器 API',
        description: '由各路由声明的 zod 模式（@jiuting/api-contract）生成；说明见 docs/api.md。',
        version: '1',
      },
    },
    // An .xlsx or CSV answer is bytes (z.custom), which JSON Schema cannot say: shown as any.
    // Schemas given an id (`.meta({ id })`, as the error body) are shared components.
    transform: createJsonSchemaTransform({ zodToJsonConfig: { unrepresentable: 'any' } }),
    transformObject: createJsonSchemaTransformObject({
      zodToJsonConfig: { unrepresentable: 'any' },
    }),
  });
}
