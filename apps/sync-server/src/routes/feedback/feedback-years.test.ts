import { FULL_MARKS_ANSWERS, sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs, syncItems } from '../../testing.ts';

// Issue 18: what residents said in 2025 is not what they say in 2026. Each year's texts and
// tallies are read on their own, the open year by default.

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let clock: Date;
let coordinator: LoggedIn;
let canvasser: LoggedIn;

const get = async (url: string) => {
  const res = await app.inject({
    method: 'GET',
    url,
    headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const openYear = async (year: number) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/assessment/years',
    headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
    payload: { year },
  });
  expect(res.statusCode, res.body).toBe(200);
};

const DOOR = '9号楼901室';

beforeEach(async () => {
  clock = new Date('2025-12-24T02:00:00Z');
  ({ app, cleanup } = await buildTestApp({ now: () => clock }));
  coordinator = await loginAs(app, 'coordinator');
  canvasser = await loginAs(app, 'canvasser');
  await openYear(2025);
  const december = sampleSurvey({
    householdAddress: DOOR,
    collectedAt: '2025-12-23T10:00:00+08:00',
    answers: { ...FULL_MARKS_ANSWERS, q10: ['A', 'B'], q12: '去年：楼道停车太乱' },
  });
  expect((await syncItems(app, canvasser, [december])).json().results[0].status).toBe('accepted');
  clock = new Date('2026-01-02T01:00:00Z');
  await openYear(2026);
  clock = new Date('2026-01-05T03:00:00Z');
  const january = sampleSurvey({
    householdAddress: DOOR,
    collectedAt: '2026-01-05T09:00:00+08:00',
    answers: { ...FULL_MARKS_ANSWERS, q10: ['A'], q12: '今年：楼道停车好多了' },
  });
  expect((await syncItems(app, canvasser, [january])).json().results[0].status).toBe('accepted');
});
afterEach(async () => cleanup());

const q10 = (tallies: {
  questions: { id: string; options: { letter: string; town: number }[] }[];
}) =>
  Object.fromEntries(
    (tallies.questions.find((q) => q.id === 'q10')?.options ?? [])
      .filter((o) => o.town > 0)
      .map((o) => [o.letter, o.town]),
  );

it('tallies each year’s counted responses on their own, the open year by default', async () => {
  const open = await get('/api/feedback/tallies');
  expect(open.year).toBe(2026);
  expect(open.respondents).toEqual({ town: 1, byCommunity: { DEMO01: 1 } });
  expect(q10(open)).toEqual({ A: 1 });
  const last = await get('/api/feedback/tallies?year=2025');
  expect(last.year).toBe(2025);
  expect(last.respondents).toEqual({ town: 1, byCommunity: { DEMO01: 1 } });
  expect(q10(last)).toEqual({ A: 1, B: 1 });
});

it('lists and searches each year’s texts on their own, the open year by default', async () => {
  const texts = (query: string) =>
    get(`/api/feedback/texts${query}`).then((b) => ({
      year: b.year,
      total: b.total,
      texts: b.items.map((t: { text: string }) => t.text),
    }));
  expect(await texts('')).toEqual({ year: 2026, total: 1, texts: ['今年：楼道停车好多了'] });
  expect(await texts('?year=2025')).toEqual({
    year: 2025,
    total: 1,
    texts: ['去年：楼道停车太乱'],
  });
  // By the trigram index (three characters or more) and by the short scan alike.
  expect(await texts(`?year=2025&q=${encodeURIComponent('楼道停车')}`)).toMatchObject({ total: 1 });
  expect(await texts(`?year=2026&q=${encodeURIComponent('停车')}`)).toMatchObject({
    total: 1,
    texts: ['今年：楼道停车好多了'],
  });
  expect(await texts('?year=2024')).toEqual({ year: 2024, total: 0, texts: [] });
});

it('refuses a year that is not a year, in Chinese', async () => {
  const res = await app.inject({
    method: 'GET',
    url: '/api/feedback/tallies?year=abc',
    headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
  });
  expect(res.statusCode).toBe(400);
  expect(res.body).toContain('年度');
});
