import { FULL_MARKS_ANSWERS, sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  CLIENT_HEADERS,
  importCommunities,
  type LoggedIn,
  loginAs,
  syncItems,
} from '../../testing.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;
let canvasser: LoggedIn;

const SCRIPT = '<script>alert("x")</script> 楼道太暗';
const PERCENT = '物业费涨了 50% 太多';
const UNDERSCORE = '希望增加 a_b 类活动';

// F1: three households (one answered twice); F2: one household.
const a1 = sampleSurvey({
  communityCode: 'F1',
  householdAddress: '1号楼101室',
  answers: {
    ...FULL_MARKS_ANSWERS,
    q10: ['A', 'C', 'H'],
    q10Other: '路灯坏了',
    q11: ['A'],
    q12: PERCENT,
  },
});
const a1Repeat = sampleSurvey({
  communityCode: 'F1',
  householdAddress: '1-101',
  answers: { ...FULL_MARKS_ANSWERS, q10: ['A'], q11: ['B'], q12: '重复户的话不应计入' },
});
const a2 = sampleSurvey({
  communityCode: 'F1',
  householdAddress: '2号楼201室',
  answers: {
    ...FULL_MARKS_ANSWERS,
    q10: ['C'],
    q11: ['A', 'G'],
    q11Other: '多一些篮球场',
    q12: SCRIPT,
  },
});
const a3 = sampleSurvey({
  communityCode: 'F1',
  householdAddress: '3号楼301室',
  answers: { ...FULL_MARKS_ANSWERS, q10: ['I'], q11: ['F'], q12: '50 户以上的楼需要电梯' },
});
const b1 = sampleSurvey({
  communityCode: 'F2',
  householdAddress: '9号楼901室',
  answers: { ...FULL_MARKS_ANSWERS, q10: ['A'], q11: ['A'], q12: UNDERSCORE },
});

const get = async (url: string, who: LoggedIn = coordinator) =>
  app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({ seedDemoCommunities: false }));
  coordinator = await loginAs(app, 'coordinator');
  await importCommunities(
    app,
    coordinator,
    'code,name,type,totalHouseholds,liaisonLeader\nF1,意见一居,导入居,100,甲\nF2,意见二居,村改居,50,乙\n',
  );
  canvasser = await loginAs(app, 'canvasser', ['F1', 'F2']);
  const res = await syncItems(app, canvasser, [a1, a1Repeat, a2, a3, b1]);
  expect(res.json().results.map((r: { status: string }) => r.status)).toEqual(
    Array(5).fill('accepted'),
  );
});
afterEach(async () => cleanup());

describe('q10 and q11 tallies', () => {
  it('count each counted household once per option, per community and town-wide', async () => {
    const body = (await get('/api/feedback/tallies')).json();
    expect(body.respondents).toEqual({ town: 4, byCommunity: { F1: 3, F2: 1 } });
    const q10 = body.questions.find((q: { id: string }) => q.id === 'q10');
    const option = (letter: string) =>
      q10.options.find((o: { letter: string }) => o.letter === letter);
    // The repeat's A is not counted: F1's A comes from a1 alone.
    expect(option('A')).toEqual({
      letter: 'A',
      label: '楼道堆物',
      town: 2,
      byCommunity: { F1: 1, F2: 1 },
    });
    expect(option('C')).toMatchObject({ label: '电瓶车乱停乱放', town: 2, byCommunity: { F1: 2 } });
    expect(option('I')).toMatchObject({ town: 1 });
    expect(option('D')).toEqual({ letter: 'D', label: '高空抛物', town: 0, byCommunity: {} });
    const q11 = body.questions.find((q: { id: string }) => q.id === 'q11');
    expect(q11.options.map((o: { letter: string }) => o.letter)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'F',
      'G',
    ]);
    expect(q11.options.find((o: { letter: string }) => o.letter === 'B').town).toBe(0);
  });

  it('drop an invalidated response and count the household’s next one instead', async () => {
    await app.inject({
      method: 'POST',
      url: `/api/review/responses/${a1.id}/invalidate`,
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
      payload: { reason: '误录' },
    });
    const body = (await get('/api/feedback/tallies')).json();
    const q11 = body.questions.find((q: { id: string }) => q.id === 'q11');
    expect(q11.options.find((o: { letter: string }) => o.letter === 'B').byCommunity).toEqual({
      F1: 1,
    });
    expect(body.respondents.town).toBe(4);
  });
});

describe('the residents’ texts', () => {
  it('lists q12 and 其他 texts of counted responses, newest first, labelled by field', async () => {
    const body = (await get('/api/feedback/texts?community=F1')).json();
    expect(body.total).toBe(5);
    expect(body.items.map((i: { field: string; text: string }) => [i.field, i.text])).toEqual([
      ['q12', '50 户以上的楼需要电梯'],
      ['q11Other', '多一些篮球场'],
      ['q12', SCRIPT],
      ['q10Other', '路灯坏了'],
      ['q12', PERCENT],
    ]);
    expect(body.items[0]).toMatchObject({
      communityCode: 'F1',
      communityName: '意见一居',
      responseId: a3.id,
    });
  });

  it('searches for % and _ as literal characters, not wildcards', async () => {
    const percent = (await get(`/api/feedback/texts?q=${encodeURIComponent('%')}`)).json();
    expect(percent.items.map((i: { text: string }) => i.text)).toEqual([PERCENT]);
    const fifty = (await get(`/api/feedback/texts?q=${encodeURIComponent('50%')}`)).json();
    expect(fifty.items.map((i: { text: string }) => i.text)).toEqual([PERCENT]);
    const underscore = (await get(`/api/feedback/texts?q=${encodeURIComponent('a_b')}`)).json();
    expect(underscore.items.map((i: { text: string }) => i.text)).toEqual([UNDERSCORE]);
    expect((await get(`/api/feedback/texts?q=${encodeURIComponent('_')}`)).json().total).toBe(1);
    const quote = await get(
      `/api/feedback/texts?q=${encodeURIComponent("'; DROP TABLE responses; --")}`,
    );
    expect(quote.json()).toMatchObject({ items: [], total: 0 });
    expect(app.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(5);
  });

  it('returns markup exactly as the resident typed it', async () => {
    const res = await get(`/api/feedback/texts?q=${encodeURIComponent('<script>')}`);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().items).toEqual([
      expect.objectContaining({ field: 'q12', text: SCRIPT, communityCode: 'F1' }),
    ]);
  });

  it('pages through the texts and filters by field', async () => {
    const p1 = (await get('/api/feedback/texts?pageSize=2')).json();
    const p2 = (await get('/api/feedback/texts?pageSize=2&page=2')).json();
    const p3 = (await get('/api/feedback/texts?pageSize=2&page=3')).json();
    expect([p1.total, p1.items.length, p2.items.length, p3.items.length]).toEqual([6, 2, 2, 2]);
    const all = [...p1.items, ...p2.items, ...p3.items].map((i: { text: string }) => i.text);
    expect(new Set(all).size).toBe(6);
    expect(all).not.toContain('重复户的话不应计入');
    const others = (await get('/api/feedback/texts?field=q10Other')).json();
    expect(others.items.map((i: { text: string }) => i.text)).toEqual(['路灯坏了']);
  });

  it('is for coordinators and admins only', async () => {
    expect((await get('/api/feedback/texts', canvasser)).statusCode).toBe(403);
    expect((await get('/api/feedback/tallies', canvasser)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/feedback/tallies' })).statusCode).toBe(
      401,
    );
    const admin = await loginAs(app, 'admin');
    expect((await get('/api/feedback/tallies', admin)).statusCode).toBe(200);
  });
});
