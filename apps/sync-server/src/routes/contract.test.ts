import * as contract from '@jiuting/api-contract';
import type { RouteOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp } from '../testing.ts';

// Every /api route declares what it takes and what it answers with the schemas of
// @jiuting/api-contract, the package the PWA infers its types from and docs/openapi.json is made
// of: a schema written inline in a route would be a copy of the contract that nothing checks.

const CONTRACT: ReadonlySet<unknown> = new Set(
  Object.values(contract).filter((value) => value instanceof z.ZodType),
);

/** Each way a route departs from the contract, as "METHOD url: what". */
function departures(routes: readonly RouteOptions[], known: ReadonlySet<unknown>): string[] {
  return routes
    .filter((route) => route.url.startsWith('/api/'))
    .flatMap((route) => {
      const where = `${[route.method].flat().join(',')} ${route.url}`;
      const schema = route.schema ?? {};
      const answers = Object.entries((schema.response ?? {}) as Record<string, unknown>);
      const found: string[] = [];
      if (!answers.some(([status]) => status.startsWith('2'))) found.push(`${where}: no answer`);
      for (const [status, answer] of answers) {
        if (!known.has(answer)) found.push(`${where}: answer ${status} not from the contract`);
      }
      for (const part of ['body', 'querystring', 'params'] as const) {
        if (schema[part] !== undefined && !known.has(schema[part])) {
          found.push(`${where}: ${part} not from the contract`);
        }
      }
      return found;
    });
}

describe('the routes and the contract', () => {
  it('declares every /api route’s input and each answer with a schema of @jiuting/api-contract', async () => {
    const routes: RouteOptions[] = [];
    const { cleanup } = await buildTestApp({
      seedDemoCommunities: false,
      onRoute: (route) => {
        routes.push(route);
      },
    });
    await cleanup();
    const urls = routes.map((route) => route.url);
    expect(urls).toEqual(
      expect.arrayContaining(['/api/coverage', '/api/assessment/:year/results', '/api/health']),
    );
    expect(departures(routes, CONTRACT)).toEqual([]);
  });

  it('sees a route whose answer or body is written inline, or that declares no answer', () => {
    const inline = z.object({ ok: z.boolean() });
    const routes = [
      { method: 'GET', url: '/api/a', schema: { response: { 200: inline } } },
      {
        method: 'POST',
        url: '/api/b',
        schema: { body: inline, response: { 200: contract.OkAnswerSchema } },
      },
      { method: 'GET', url: '/api/c' },
      { method: 'GET', url: '/health-page' },
    ] as unknown as RouteOptions[];
    expect(departures(routes, CONTRACT)).toEqual([
      'GET /api/a: answer 200 not from the contract',
      'POST /api/b: body not from the contract',
      'GET /api/c: no answer',
    ]);
  });
});
