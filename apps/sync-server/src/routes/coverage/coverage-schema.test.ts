import { afterEach, expect, it, vi } from 'vitest';
import { buildTestApp, loginAs } from '../../testing.ts';

// A field added to the coverage data later, and never meant for the dashboard: the answer goes
// through the response schema, so it must not leave the server.
vi.mock('../../services/coverage.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../services/coverage.ts')>();
  return {
    ...actual,
    communityCoverage: (...args: Parameters<typeof actual.communityCoverage>) =>
      actual.communityCoverage(...args).map((c) => ({ ...c, qrToken: 'LEAKED-TOKEN' })),
    townTotals: (...args: Parameters<typeof actual.townTotals>) => ({
      ...actual.townTotals(...args),
      internalNote: 'LEAKED-NOTE',
    }),
  };
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

it('answers GET /api/coverage through its response schema: a field the schema does not name stays home', async () => {
  const { app, cleanup } = await buildTestApp();
  cleanups.push(cleanup);
  const { cookie } = await loginAs(app, 'coordinator');
  const res = await app.inject({ method: 'GET', url: '/api/coverage', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  expect(res.json().communities).toHaveLength(27);
  expect(res.json().communities[0]).toMatchObject({ code: 'DEMO01', coverage: 0 });
  expect(res.body).not.toContain('LEAKED');
});
