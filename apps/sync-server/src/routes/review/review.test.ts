import { scoreSurvey } from '@jiuting/questionnaire';
import {
  LOWEST_MARKS_ANSWERS,
  sampleInterview,
  sampleSurvey,
} from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs } from '../../testing.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;
let canvasser: LoggedIn;
let clock: Date;

// Household 1号楼101室 answered twice (full marks first, then 3 points, written differently);
// household 2号楼202室 once (full marks). Community R1 has 10 households.
const first = sampleSurvey({ communityCode: 'R1', householdAddress: '1号楼101室' });
const second = sampleSurvey({
  communityCode: 'R1',
  householdAddress: '1-101',
  answers: LOWEST_MARKS_ANSWERS,
});
const other = sampleSurvey({ communityCode: 'R1', householdAddress: '2号楼202室' });
const interview = sampleInterview({ communityCode: 'R1' });

const get = async (url: string, who: LoggedIn = coordinator) =>
  app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const post = async (url: string, payload?: unknown, who: LoggedIn = coordinator) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...CLIENT_HEADERS, cookie: who.cookie },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
const r1 = async () => {
  const body = (await get('/api/coverage')).json();
  return body.communities.find((c: { code: string }) => c.code === 'R1');
};

beforeEach(async () => {
  clock = new Date('2025-11-20T08:00:00.000Z');
  ({ app, cleanup } = await buildTestApp({ seedDemoCommunities: false, now: () => clock }));
  coordinator = await loginAs(app, 'coordinator');
  const imported = await post('/api/communities/import', {
    csv: 'code,name,type,totalHouseholds,liaisonLeader\nR1,审核居,导入居,10,甲\n',
  });
  expect(imported.statusCode).toBe(200);
  canvasser = await loginAs(app, 'canvasser', ['R1']);
  const synced = await post('/api/sync', { items: [first, second, other] }, canvasser);
  expect(synced.json().results.map((r: { status: string }) => r.status)).toEqual([
    'accepted',
    'accepted',
    'accepted',
  ]);
  // A canvasser files questionnaires only; the interview is an interviewer's.
  const interviewer = await loginAs(app, 'interviewer', ['R1']);
  const filed = await post('/api/sync', { items: [interview] }, interviewer);
  expect(filed.json().results[0].status).toBe('accepted');
  clock = new Date('2025-11-21T03:00:00.000Z');
});
afterEach(async () => cleanup());

describe('marking a response invalid', () => {
  it('promotes the household’s second response while the first is invalid, and restoring puts the first back', async () => {
    expect(await r1()).toMatchObject({
      surveyedHouseholds: 2,
      responses: 3,
      repeats: 1,
      meanSurveyScore: 100,
    });

    const marked = await post(`/api/review/responses/${first.id}/invalidate`, {
      reason: '采集员误录',
    });
    expect(marked.statusCode).toBe(200);
    expect(marked.json().item).toMatchObject({
      id: first.id,
      counted: false,
      invalid: {
        reason: '采集员误录',
        at: '2025-11-21T03:00:00.000Z',
        byUserId: coordinator.userId,
      },
    });
    // Same two households, but household 1 now counts its 3-point answer: (3 + 100) / 2.
    const low = scoreSurvey(LOWEST_MARKS_ANSWERS).total;
    expect(low).toBe(3);
    expect(await r1()).toMatchObject({
      surveyedHouseholds: 2,
      responses: 2,
      repeats: 0,
      meanSurveyScore: (low + 100) / 2,
      satisfactionPoints: Math.round(((30 * (low + 100)) / 2 / 100) * 100) / 100,
    });
    const list = (await get('/api/review/responses?community=R1')).json();
    const secondRow = list.items.find((i: { id: string }) => i.id === second.id);
    expect(secondRow).toMatchObject({ counted: true, invalid: null });

    const restored = await post(`/api/review/responses/${first.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json().item).toMatchObject({ counted: true, invalid: null });
    expect(await r1()).toMatchObject({
      surveyedHouseholds: 2,
      responses: 3,
      repeats: 1,
      meanSurveyScore: 100,
    });
  });

  it('takes a household out of coverage when its only response is invalid, and keeps the record', async () => {
    await post(`/api/review/responses/${other.id}/invalidate`, { reason: '非本小区住户' });
    expect(await r1()).toMatchObject({ surveyedHouseholds: 1, coverage: 0.1 });
    const invalidOnly = (await get('/api/review/responses?status=invalid')).json();
    expect(invalidOnly.total).toBe(1);
    expect(invalidOnly.items[0]).toMatchObject({ id: other.id, householdKey: '2号202室' });
    expect(app.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(3);
  });

  it('writes an audit row for every mark and restore, naming who, when, which and why', async () => {
    await post(`/api/review/responses/${first.id}/invalidate`, { reason: '重复录入' });
    clock = new Date('2025-11-22T03:00:00.000Z');
    await post(`/api/review/responses/${first.id}/restore`);
    const rows = app.repos.audit.list().filter((a) => a.action.startsWith('review_'));
    expect(rows.map((r) => [r.action, r.actorUserId, r.target, r.at, r.detail])).toEqual([
      [
        'review_restored',
        coordinator.userId,
        `response:${first.id}`,
        '2025-11-22T03:00:00.000Z',
        { kind: 'response' },
      ],
      [
        'review_invalidated',
        coordinator.userId,
        `response:${first.id}`,
        '2025-11-21T03:00:00.000Z',
        { kind: 'response', reason: '重复录入' },
      ],
    ]);
  });

  it('refuses a missing or blank reason, a second mark, a restore of a valid item and an unknown id', async () => {
    const blank = await post(`/api/review/responses/${first.id}/invalidate`, { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({
      error: 'validation_failed',
      issues: [{ path: 'reason', message: '请填写标记无效的原因' }],
    });
    expect((await post(`/api/review/responses/${first.id}/invalidate`, {})).statusCode).toBe(400);
    expect((await r1()).repeats).toBe(1);

    await post(`/api/review/responses/${first.id}/invalidate`, { reason: '误录' });
    const again = await post(`/api/review/responses/${first.id}/invalidate`, { reason: '误录' });
    expect(again.json()).toMatchObject({
      error: 'already_invalid',
      message: '该记录已被标记为无效',
    });
    expect(again.statusCode).toBe(409);
    const restoreValid = await post(`/api/review/responses/${other.id}/restore`);
    expect(restoreValid.statusCode).toBe(409);
    expect(restoreValid.json().error).toBe('not_invalid');
    const unknown = await post(
      '/api/review/responses/00000000-0000-4000-8000-000000000000/invalidate',
      { reason: 'x' },
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('record_not_found');
    expect(app.repos.audit.list().filter((a) => a.action.startsWith('review_'))).toHaveLength(1);
  });
});

describe('marking an interview invalid', () => {
  it('takes it out of the community’s interview count and restoring brings it back', async () => {
    expect((await r1()).interviews).toMatchObject({
      total: 1,
      byGroup: { elderly_living_alone: 1 },
    });
    const marked = await post(`/api/review/interviews/${interview.id}/invalidate`, {
      reason: '访谈对象不符',
    });
    expect(marked.json().item).toMatchObject({
      id: interview.id,
      group: 'elderly_living_alone',
      invalid: { reason: '访谈对象不符' },
    });
    expect((await r1()).interviews).toMatchObject({
      total: 0,
      byGroup: { elderly_living_alone: 0 },
    });
    await post(`/api/review/interviews/${interview.id}/restore`);
    expect((await r1()).interviews.total).toBe(1);
  });
});

describe('the review list', () => {
  it('pages, filters by community, and shows each response with its address and answers', async () => {
    const page1 = (await get('/api/review/responses?community=R1&pageSize=2')).json();
    expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    const page2 = (await get('/api/review/responses?community=R1&pageSize=2&page=2')).json();
    const ids = [...page1.items, ...page2.items].map((i: { id: string }) => i.id);
    expect(new Set(ids)).toEqual(new Set([first.id, second.id, other.id]));
    const shown = [...page1.items, ...page2.items].find((i: { id: string }) => i.id === second.id);
    expect(shown).toMatchObject({ householdAddress: '1-101', answers: LOWEST_MARKS_ANSWERS });
    expect(page1.items[0].collector).toBe('测试canvasser');
    // Each response names the device session (the canvasser's sign-in) it came through.
    const canvasserSession = app.db
      .prepare('SELECT id FROM sessions WHERE user_id = ?')
      .pluck()
      .get(canvasser.userId);
    expect(canvasserSession).toEqual(expect.any(String));
    expect(
      [...page1.items, ...page2.items].map((i: { sessionId: unknown }) => i.sessionId),
    ).toEqual([canvasserSession, canvasserSession, canvasserSession]);
    expect((await get('/api/review/responses?community=NOPE')).json().total).toBe(0);
    const repeats = (await get('/api/review/responses?status=repeat')).json();
    expect(repeats.items.map((i: { id: string }) => i.id)).toEqual([second.id]);
    expect((await get('/api/review/interviews?status=repeat')).json().total).toBe(0);
    expect((await get('/api/review/responses?pageSize=500')).statusCode).toBe(400);
  });
});

describe('the review list’s filters', () => {
  const ids = async (query: string) =>
    (await get(`/api/review/responses?${query}`)).json().items.map((i: { id: string }) => i.id);

  it('filters by channel, collector and address (typed another way, or part of it)', async () => {
    const qrAnswer = sampleSurvey({
      communityCode: 'R1',
      channel: 'qr',
      householdAddress: '3号楼303室',
    });
    const token = app.repos.communities.get('R1')?.qrToken;
    const sent = await app.inject({
      method: 'POST',
      url: `/api/public/q/${token}/responses`,
      headers: CLIENT_HEADERS,
      payload: qrAnswer,
    });
    expect(sent.statusCode).toBe(200);
    expect(await ids('channel=qr')).toEqual([qrAnswer.id]);
    expect(new Set(await ids(`collector=${canvasser.userId}`))).toEqual(
      new Set([first.id, second.id, other.id]),
    );
    // 1-101 and 1号楼101室 are one household.
    expect(new Set(await ids(`address=${encodeURIComponent('1号楼101室')}`))).toEqual(
      new Set([first.id, second.id]),
    );
    expect(await ids(`address=${encodeURIComponent('202')}`)).toEqual([other.id]);
    expect((await get('/api/review/interviews?channel=qr')).json().total).toBe(0);
    expect((await get('/api/review/responses?channel=fax')).statusCode).toBe(400);
  });

  it('filters by quality flag and names each response’s flags', async () => {
    // All three samples put every scored question at its best, save the second.
    expect(new Set(await ids('flag=straight_lining'))).toEqual(new Set([first.id, other.id]));
    const list = (await get('/api/review/responses')).json().items;
    expect(list.find((i: { id: string }) => i.id === second.id).flags).toEqual([]);
    expect(list.find((i: { id: string }) => i.id === first.id).flags).toEqual(['straight_lining']);
    expect(await ids('flag=night')).toEqual([]);
    expect(await ids(`id=${second.id}`)).toEqual([second.id]);
  });
});

describe('who may review', () => {
  it('refuses canvassers and interviewers (403) and anyone signed out (401)', async () => {
    const interviewer = await loginAs(app, 'interviewer', ['R1']);
    for (const who of [canvasser, interviewer]) {
      expect((await get('/api/review/responses', who)).statusCode).toBe(403);
      const marked = await post(
        `/api/review/responses/${first.id}/invalidate`,
        { reason: 'x' },
        who,
      );
      expect(marked.statusCode).toBe(403);
      expect(marked.json().error).toBe('forbidden');
    }
    const anon = await app.inject({ method: 'GET', url: '/api/review/interviews' });
    expect(anon.statusCode).toBe(401);
    expect((await r1()).repeats).toBe(1);
  });

  it('lets an admin review too, and refuses a state change without the client header', async () => {
    const admin = await loginAs(app, 'admin');
    expect(
      (await post(`/api/review/responses/${other.id}/invalidate`, { reason: '管理员核查' }, admin))
        .statusCode,
    ).toBe(200);
    const noHeader = await app.inject({
      method: 'POST',
      url: `/api/review/responses/${other.id}/restore`,
      headers: { cookie: coordinator.cookie },
    });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error).toBe('csrf_header_missing');
  });
});

describe('keyset pages', () => {
  it('walks the same items by cursor as page by page, for every filter', async () => {
    // Eleven more responses (two of them repeats of a household), two marked invalid.
    const more = Array.from({ length: 11 }, (_, i) =>
      sampleSurvey({ communityCode: 'R1', householdAddress: `${(i % 9) + 3}号楼${i + 1}01室` }),
    );
    await post('/api/sync', { items: more }, canvasser);
    for (const item of [more[2], more[7]]) {
      await post(`/api/review/responses/${item?.id}/invalidate`, { reason: '核查无效' });
    }
    const idsOf = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);
    // What each filter matches, counted from the rows themselves.
    const recount = (kind: string, filter: string) => {
      const rows = app.db.prepare(`SELECT * FROM ${kind} WHERE assessment_year = 2025`).all() as {
        invalidated_at: string | null;
        counted?: number;
        household_key?: string;
        content: string;
      }[];
      const status = /status=(\w+)/.exec(filter)?.[1] ?? 'all';
      return rows.filter(
        (r) =>
          (status === 'all' ||
            (status === 'valid' && r.invalidated_at === null) ||
            (status === 'invalid' && r.invalidated_at !== null) ||
            (status === 'repeat' && r.counted === 0 && r.invalidated_at === null)) &&
          (!filter.includes('address') ||
            (r.household_key?.includes('号楼') ?? false) ||
            JSON.parse(r.content).householdAddress?.includes('号楼')) &&
          (!filter.includes('collector') || kind === 'responses'),
      ).length;
    };
    const filters = [
      '',
      'status=valid',
      'status=invalid',
      'status=repeat',
      'address=号楼',
      'status=valid&community=R1',
      `status=valid&collector=${canvasser.userId}`,
      `status=invalid&collector=${canvasser.userId}`,
    ];
    for (const filter of filters) {
      for (const kind of ['responses', 'interviews']) {
        const byOffset: string[] = [];
        const first = (await get(`/api/review/${kind}?${filter}&pageSize=3`)).json();
        const pages = Math.max(1, Math.ceil(first.total / 3));
        for (let page = 1; page <= pages; page += 1) {
          byOffset.push(
            ...idsOf((await get(`/api/review/${kind}?${filter}&pageSize=3&page=${page}`)).json()),
          );
        }
        const byCursor: string[] = [];
        let body = first;
        let steps = 0;
        for (;;) {
          byCursor.push(...idsOf(body));
          expect(body.total).toBe(first.total);
          steps += 1;
          if (body.nextCursor === null) break;
          body = (
            await get(`/api/review/${kind}?${filter}&pageSize=3&cursor=${body.nextCursor}`)
          ).json();
        }
        expect(byCursor, `${kind}?${filter}`).toEqual(byOffset);
        expect(byCursor).toHaveLength(first.total);
        expect(first.total, `${kind}?${filter}`).toBe(recount(kind, filter));
        expect(steps).toBe(pages);
      }
    }
  });

  it('refuses a cursor that is not one, in Chinese', async () => {
    const res = await get('/api/review/responses?cursor=abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('validation_failed');
  });
});
