import { FULL_MARKS_ANSWERS, sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs } from '../../testing.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;
let hasty: LoggedIn;
let steady: LoggedIn;

// Answers spread over the scale (56 points): an ordinary household, no straight line.
const ORDINARY = { ...FULL_MARKS_ANSWERS, q4: 'C', q5: 'B', q6: 'C', q7: 'B', q8: 'B', q9: 'C' };
const at = (hhmm: string, day = '2025-11-20') => `${day}T${hhmm}:00+08:00`;
const minutesBefore = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) - minutes * 60_000).toISOString();

/** A door visit by the canvasser who sends it, filled in `fill` minutes. */
function visit(room: number, collectedAt: string, fill = 6, answers: object = ORDINARY) {
  return sampleSurvey({
    communityCode: 'R1',
    householdAddress: `1号楼${room}室`,
    collectedAt,
    answers,
    paradata: { startedAt: minutesBefore(collectedAt, fill), answerChanges: 1 },
  });
}

const get = async (url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: coordinator.cookie } });
const send = async (who: LoggedIn, items: unknown[]) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync',
    headers: { ...CLIENT_HEADERS, cookie: who.cookie },
    payload: { items },
  });
  expect(res.json().results.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
};
const qr = (room: number, collectedAt: string, ip: string) =>
  app.inject({
    method: 'POST',
    url: `/api/public/q/${app.repos.communities.get('R1')?.qrToken}/responses`,
    headers: { ...CLIENT_HEADERS, 'user-agent': 'Mozilla/5.0 MicroMessenger' },
    remoteAddress: ip,
    payload: sampleSurvey({
      communityCode: 'R1',
      channel: 'qr',
      householdAddress: `2号楼${room}室`,
      collectedAt,
      answers: ORDINARY,
    }),
  });

const hastyBurst = [701, 702, 703, 704, 705].map((room, i) => visit(room, at(`23:0${i * 2}`), 0.5));
const straight = visit(801, at('10:00', '2025-11-19'), 6, FULL_MARKS_ANSWERS);

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({
    seedDemoCommunities: false,
    now: () => new Date('2025-11-21T03:00:00.000Z'),
  }));
  coordinator = await loginAs(app, 'coordinator');
  const imported = await app.inject({
    method: 'POST',
    url: '/api/communities/import',
    headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
    payload: {
      csv: 'code,name,type,totalHouseholds,liaisonLeader\nR1,质量居,导入居,100,甲\nR2,平常居,导入居,100,乙\n',
    },
  });
  expect(imported.statusCode).toBe(200);
  hasty = await loginAs(app, 'canvasser', ['R1']);
  steady = await loginAs(app, 'canvasser', ['R1', 'R2']);
  // One canvasser: five households within eight minutes, at night, half a minute each; one
  // straight-lined response the day before.
  await send(hasty, [...hastyBurst, straight]);
  // The other: a visit every 20 minutes in the day, six minutes each.
  await send(
    steady,
    [0, 1, 2, 3, 4, 5].map((i) =>
      visit(901 + i, at(`${10 + Math.floor(i / 3)}:${(i % 3) * 20 + 10}`)),
    ),
  );
  // Residents: five answers from one network within an hour, and one from elsewhere.
  for (const [i, minute] of [10, 20, 30, 40, 50].entries()) {
    expect((await qr(101 + i, at(`19:${minute}`), `203.0.113.${i + 1}`)).statusCode).toBe(200);
  }
  expect((await qr(201, at('19:15'), '198.51.100.9')).statusCode).toBe(200);
});
afterEach(async () => cleanup());

describe('GET /api/quality', () => {
  it('flags each crafted signal and nothing in the ordinary responses', async () => {
    const res = await get('/api/quality?year=2025&pageSize=200');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const flagsOf = new Map<string, string[]>(
      body.flagged.items.map((i: { id: string; flags: string[] }) => [i.id, i.flags]),
    );
    for (const item of hastyBurst) {
      expect(flagsOf.get(item.id as string)).toEqual(['too_fast', 'collector_burst', 'night']);
    }
    expect(flagsOf.get(straight.id as string)).toEqual(['straight_lining']);
    const qrFlagged = body.flagged.items.filter((i: { channel: string }) => i.channel === 'qr');
    expect(qrFlagged).toHaveLength(5);
    expect(
      qrFlagged.every((i: { flags: string[] }) => i.flags.join() === 'fingerprint_burst'),
    ).toBe(true);
    // 5 + 1 + 5 flagged; the steady canvasser's six visits and the lone QR answer are not.
    expect(body.flagged.total).toBe(11);
    const steadyRow = body.collectors.find((c: { userId: string }) => c.userId === steady.userId);
    expect(steadyRow).toMatchObject({ responses: 6, flagged: 0 });
    expect(
      body.collectors.find((c: { userId: string }) => c.userId === hasty.userId),
    ).toMatchObject({
      responses: 6,
      flagged: 6,
      flags: { too_fast: 5, collector_burst: 5, night: 5, straight_lining: 1 },
    });
    expect(body.thresholds.minFillSeconds).toBeGreaterThan(0);
  });

  it('gives each response the same flags in the review list, even listed alone, as over the whole year', async () => {
    const report = (await get('/api/quality?year=2025&pageSize=200')).json();
    const expected = new Map<string, string[]>(
      report.flagged.items.map((i: { id: string; flags: string[] }) => [i.id, i.flags]),
    );
    const total = (await get('/api/review/responses')).json().total;
    expect(total).toBe(18);
    for (let page = 1; page <= total; page += 1) {
      const [item] = (await get(`/api/review/responses?pageSize=1&page=${page}`)).json().items;
      expect(item.flags).toEqual(expected.get(item.id) ?? []);
    }
  });

  it('filters the flagged list by community, collector and flag', async () => {
    const byFlag = (await get('/api/quality?year=2025&flag=straight_lining')).json();
    expect(byFlag.flagged.items.map((i: { id: string }) => i.id)).toEqual([straight.id]);
    const byCollector = (await get(`/api/quality?year=2025&collector=${steady.userId}`)).json();
    expect(byCollector.flagged.total).toBe(0);
    const otherCommunity = (await get('/api/quality?year=2025&community=R2')).json();
    expect(otherCommunity.flagged.total).toBe(0);
    expect(otherCommunity.collectors).toEqual([]);
  });

  it('changes no count or score: flagged responses count until a coordinator marks one invalid, audited', async () => {
    const before = (await get('/api/coverage'))
      .json()
      .communities.find((c: { code: string }) => c.code === 'R1');
    await get('/api/quality?year=2025');
    const after = (await get('/api/coverage'))
      .json()
      .communities.find((c: { code: string }) => c.code === 'R1');
    expect(after).toEqual(before);
    // All 18 responses are distinct households, flagged or not.
    expect(after.surveyedHouseholds).toBe(18);

    const marked = await app.inject({
      method: 'POST',
      url: `/api/review/responses/${hastyBurst[0]?.id}/invalidate`,
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
      payload: { reason: '夜间连续采集，经核实未入户' },
    });
    expect(marked.statusCode).toBe(200);
    const now = (await get('/api/coverage'))
      .json()
      .communities.find((c: { code: string }) => c.code === 'R1');
    expect(now.surveyedHouseholds).toBe(17);
    expect(app.repos.audit.list().some((a) => a.action === 'review_invalidated')).toBe(true);
    const flagged = (await get('/api/quality?year=2025&flag=night')).json().flagged.items;
    expect(flagged.find((i: { id: string }) => i.id === hastyBurst[0]?.id)).toMatchObject({
      invalid: true,
    });
  });

  it('answers from a kept report until the next write, and then tells that write', async () => {
    const url = '/api/quality?year=2025&flag=night&pageSize=200';
    const first = (await get(url)).json();
    expect((await get(url)).json()).toEqual(first);
    // A new night visit by the hasty canvasser, then a coordinator marks one invalid: each
    // shows in the very next answer.
    const late = visit(706, at('23:12'), 0.5);
    await send(hasty, [late]);
    const afterSync = (await get(url)).json();
    expect(afterSync.flagged.total).toBe(first.flagged.total + 1);
    expect(afterSync.flagged.items.map((i: { id: string }) => i.id)).toContain(late.id);
    const marked = await app.inject({
      method: 'POST',
      url: `/api/review/responses/${late.id}/invalidate`,
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
      payload: { reason: '经核实未入户' },
    });
    expect(marked.statusCode).toBe(200);
    const afterReview = (await get(url)).json();
    expect(afterReview.flagged.items.find((i: { id: string }) => i.id === late.id)).toMatchObject({
      invalid: true,
    });
    // And the review list's flag filter, kept the same way, sees the new response too.
    const listed = (await get('/api/review/responses?flag=night&pageSize=200')).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(late.id);
  });

  it('answers a bad flag with a Chinese message, and refuses a canvasser', async () => {
    const bad = await get('/api/quality?flag=fast');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('validation_failed');
    const refused = await app.inject({
      method: 'GET',
      url: '/api/quality',
      headers: { cookie: hasty.cookie },
    });
    expect(refused.statusCode).toBe(403);
  });
});
