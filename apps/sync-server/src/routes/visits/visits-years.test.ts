import { randomUUID } from 'node:crypto';
import { sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs, syncItems } from '../../testing.ts';

// Issue 18: the register's figures and the visits belong to a year. A household counted in
// 2025 and in 2026 counts once in each; a door found 不在家 in December is not January's 回访.

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let clock: Date;
let coordinator: LoggedIn;
let canvasser: LoggedIn;

function call(who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return app.inject({
    method,
    url,
    headers: { ...CLIENT_HEADERS, cookie: who.cookie },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}
const get = async (url: string, who = coordinator) => {
  const res = await call(who, 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res;
};

const REGISTER = [
  '小区/自然村,路,弄,号,单元,室,状态',
  '九亭小区,涞寅路,100,12,,301,居住',
  '九亭小区,涞寅路,100,12,,302,居住',
  '九亭小区,涞寅路,100,12,,303,居住',
].join('\r\n');
const COUNTED_BOTH_YEARS = '九亭小区·100弄12号301室';
const NOT_HOME_IN_2025 = '九亭小区·100弄12号302室';
const OUTSIDE_2026 = '九亭小区·100弄12号909室';

const accepted = async (items: unknown[]) => {
  const res = await syncItems(app, canvasser, items as Record<string, unknown>[]);
  for (const r of res.json().results) expect(r.status, JSON.stringify(r)).toBe('accepted');
};
const visit = (householdAddress: string, collectedAt: string) => ({
  kind: 'visit',
  id: randomUUID(),
  communityCode: 'DEMO01',
  householdAddress,
  outcome: 'not_home',
  collectedAt,
});
const openYear = async (year: number) =>
  expect((await call(coordinator, 'POST', '/api/assessment/years', { year })).statusCode).toBe(200);

beforeEach(async () => {
  clock = new Date('2025-12-24T02:00:00Z');
  ({ app, cleanup } = await buildTestApp({ now: () => clock }));
  coordinator = await loginAs(app, 'coordinator');
  canvasser = await loginAs(app, 'canvasser', ['DEMO01']);
  await openYear(2025);
  const imported = await call(coordinator, 'POST', '/api/communities/DEMO01/register/import', {
    file: { name: '户册.csv', base64: Buffer.from(REGISTER).toString('base64') },
  });
  expect(imported.statusCode, imported.body).toBe(200);
  const december = '2025-12-23T10:00:00+08:00';
  await accepted([
    sampleSurvey({ householdAddress: COUNTED_BOTH_YEARS, collectedAt: december }),
    visit(NOT_HOME_IN_2025, december),
  ]);
  clock = new Date('2026-01-02T01:00:00Z');
  await openYear(2026);
  clock = new Date('2026-01-05T03:00:00Z');
  const january = '2026-01-05T09:00:00+08:00';
  await accepted([
    sampleSurvey({ householdAddress: COUNTED_BOTH_YEARS, collectedAt: january }),
    sampleSurvey({ householdAddress: OUTSIDE_2026, collectedAt: january }),
  ]);
});
afterEach(async () => cleanup());

const demo01 = async (query: string) =>
  (await get(`/api/coverage${query}`))
    .json()
    .communities.find((c: { code: string }) => c.code === 'DEMO01');

it('counts a register household once in each year, on the dashboard, the grid and 户册核对', async () => {
  for (const query of ['', '?year=2026', '?year=2025']) {
    expect(await demo01(query)).toMatchObject({ totalHouseholds: 3, surveyedHouseholds: 1 });
  }
  expect((await demo01('')).register).toEqual({ outside: 1 });
  expect((await demo01('?year=2025')).register).toEqual({ outside: 0 });

  const grid = async (query: string) =>
    (await get(`/api/communities/DEMO01/register${query}`)).json();
  const open = await grid('');
  expect(open.year).toBe(2026);
  expect(open.buildings).toEqual([
    { area: '九亭小区', building: '100弄12号', households: 3, counted: 1 },
  ]);
  expect(open.outside.map((r: { householdKey: string }) => r.householdKey)).toEqual([OUTSIDE_2026]);
  const last = await grid('?year=2025');
  expect(last.buildings[0]).toMatchObject({ households: 3, counted: 1 });
  expect(last.outside).toEqual([]);

  const sheet = async (query: string) =>
    (await get(`/api/exports/register.csv${query}`)).body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',').slice(3, 5).join(' '));
  expect(await sheet('?year=2025')).toEqual([
    `${COUNTED_BOTH_YEARS} 已计入`,
    '九亭小区·100弄12号302室 未访',
    '九亭小区·100弄12号303室 未访',
  ]);
  expect(await sheet('?year=2026')).toEqual([
    `${COUNTED_BOTH_YEARS} 已计入`,
    '九亭小区·100弄12号302室 未访',
    '九亭小区·100弄12号303室 未访',
    `${OUTSIDE_2026} 册外`,
  ]);
});

it('splits visits by year: dashboard counts, 回访, the collector’s figures, the visit list and 走访记录', async () => {
  const zero = { notHome: 0, refused: 0, vacant: 0 };
  expect((await demo01('?year=2025')).visits).toEqual({ ...zero, notHome: 1, revisit: 1 });
  expect((await demo01('')).visits).toEqual({ ...zero, revisit: 0 });
  const collector = async (query: string) =>
    (await get(`/api/coverage${query}`))
      .json()
      .collectors.find((c: { username: string }) => c.username === canvasser.username)?.visits;
  expect(await collector('?year=2025')).toEqual({ ...zero, notHome: 1 });
  expect(await collector('')).toEqual(zero);

  // The phone's list is this year's round: last December's 不在家 is not this January's state.
  const states = async (query: string) =>
    Object.fromEntries(
      (await get(`/api/communities/DEMO01/visit-list${query}`, canvasser))
        .json()
        .households.map((h: { key: string; state: string }) => [h.key, h.state]),
    );
  expect(await states('')).toEqual({
    [COUNTED_BOTH_YEARS]: 'counted',
    [NOT_HOME_IN_2025]: 'unvisited',
    九亭小区·100弄12号303室: 'unvisited',
  });
  expect((await states('?year=2025'))[NOT_HOME_IN_2025]).toBe('not_home');

  const visitSheet = async (query: string) =>
    (await get(`/api/exports/${encodeURIComponent('走访记录')}.csv${query}`)).body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1);
  expect(await visitSheet('?year=2025')).toHaveLength(1);
  expect(await visitSheet('')).toEqual([]);
});
