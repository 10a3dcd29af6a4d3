import { sampleInterview, sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs } from '../testing.ts';

// Issue 14: every string a request puts into the database has a maximum, and none holds a NUL,
// a bidi override or a lone surrogate; a refusal is a 400 with a Chinese message at the field,
// and leaves nothing behind (no audit row either).

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;
let auditRowsBefore: unknown;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  coordinator = await loginAs(app, 'coordinator');
  const year = await send('POST', '/api/assessment/years', { year: 2025 });
  expect(year.statusCode).toBe(200);
  auditRowsBefore = rows('assessment_audit');
});
afterEach(async () => cleanup());

function send(method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown) {
  return app.inject({
    method,
    url,
    headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
    payload: payload as object,
  });
}

const rows = (table: string) => app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

const UNSAFE = ['中\u0000文', '中\u202E文', '中\u2066文\u2069', '中\uD800文', '中\u001B文'];

describe('text the server stores', () => {
  it('refuses a satisfaction override reason of 150,000 characters and writes no audit row', async () => {
    const res = await send('PUT', '/api/assessment/2025/communities/DEMO01/satisfaction', {
      points: 20,
      reason: 'x'.repeat(150_000),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'validation_failed',
      issues: [{ path: 'reason', message: '理由不能超过 200 个字' }],
    });
    expect(rows('assessment_audit')).toBe(auditRowsBefore);
  });

  for (const bad of UNSAFE) {
    it(`refuses ${JSON.stringify(bad)} in every text field a coordinator writes, naming the field`, async () => {
      const cases: [ReturnType<typeof send>, string][] = [
        [
          send('PUT', '/api/assessment/2025/communities/DEMO01/satisfaction', {
            points: 20,
            reason: bad,
          }),
          'reason',
        ],
        [
          send('PUT', '/api/assessment/2025/communities/DEMO01/bonus', {
            honours: [{ work: bad, level: 'city', bodies: 1 }],
            cases: [],
          }),
          'honours.0.work',
        ],
        [
          send('PUT', '/api/assessment/2025/communities/DEMO01/deductions', {
            deductions: [{ kind: 'discipline.main-leader', points: 1, note: bad }],
          }),
          'deductions.0.note',
        ],
        [send('POST', '/api/assessment/2025/lock', { note: bad }), 'note'],
        [send('PATCH', '/api/communities/DEMO01', { name: bad }), 'name'],
        [send('PATCH', '/api/communities/DEMO01', { liaisonLeader: bad }), 'liaisonLeader'],
        [
          send('POST', '/api/users', {
            username: 'newcanvasser',
            displayName: bad,
            role: 'canvasser',
          }),
          'displayName',
        ],
      ];
      for (const [pending, path] of cases) {
        const res = await pending;
        expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
        expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(path);
        expect(res.json().issues[0].message).toMatch(/特殊字符/);
      }
      expect(rows('assessment_audit')).toBe(auditRowsBefore);
      expect(app.repos.communities.get('DEMO01')?.name).not.toBe(bad);
    });
  }

  it('refuses an invalidation reason with a NUL and keeps the response valid', async () => {
    const canvasser = await loginAs(app, 'canvasser');
    const item = sampleSurvey();
    await app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { ...CLIENT_HEADERS, cookie: canvasser.cookie },
      payload: { items: [item] },
    });
    const res = await send('POST', `/api/review/responses/${item.id}/invalidate`, {
      reason: '重复\u0000录入',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('reason');
    expect(rows("audit WHERE action = 'review_invalidated'")).toBe(0);
  });

  it('refuses a community CSV line whose name holds a bidi override, naming the line', async () => {
    const res = await send('POST', '/api/communities/import', {
      csv: 'code,name,type,totalHouseholds,liaisonLeader\nC1,一\u202E居,导入居,10,甲\n',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('csv_invalid');
    expect(res.json().issues[0].path).toBe('第2行');
  });

  it('refuses CSV text over 200,000 characters', async () => {
    const res = await send('POST', '/api/assessment/2025/hotline/import', {
      csv: `code,ordersThisYear,ordersLastYear,satisfactionRate\n${'DEMO01,1,1,99\n'.repeat(16_000)}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toEqual({ path: 'csv', message: 'CSV 不能超过 200000 个字符' });
  });

  it("refuses free text with a NUL in a canvasser's interview, naming the field", async () => {
    const canvasser = await loginAs(app, 'interviewer');
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { ...CLIENT_HEADERS, cookie: canvasser.cookie },
      payload: { items: [sampleInterview({ notes: '备注\u0000' })] },
    });
    expect(res.json().results[0].status).toBe('rejected');
    expect(res.json().results[0].error.issues[0].path).toBe('notes');
    expect(rows('interviews')).toBe(0);
  });
});
