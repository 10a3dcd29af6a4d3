import {
  LOWEST_MARKS_ANSWERS,
  sampleInterview,
  sampleSurvey,
} from '@jiuting/questionnaire/testing';
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
let clock: Date;
let coordinator: LoggedIn;
let canvasserA: LoggedIn;
let canvasserB: LoggedIn;
let interviewer: LoggedIn;
const ids: Record<string, string> = {};

async function syncAt(time: string, who: LoggedIn, items: Record<string, unknown>[]) {
  clock = new Date(time);
  const res = await syncItems(app, who, items);
  for (const r of res.json().results) expect(r.status).toBe('accepted');
}

const coverage = async () =>
  (
    await app.inject({
      method: 'GET',
      url: '/api/coverage',
      headers: { cookie: coordinator.cookie },
    })
  ).json();

beforeEach(async () => {
  clock = new Date('2025-11-19T00:00:00Z');
  ({ app, cleanup } = await buildTestApp({ seedDemoCommunities: false, now: () => clock }));
  coordinator = await loginAs(app, 'coordinator');
  const imported = await importCommunities(
    app,
    coordinator,
    '编号,名称,类型,总户数,联系领导\nC1,一居,导入居,10,甲\nC2,二居,村改居,7,乙\n',
  );
  expect(imported.json()).toEqual({ imported: 2, removedDemo: 0 });
  canvasserA = await loginAs(app, 'canvasser', ['C1', 'C2']);
  canvasserB = await loginAs(app, 'canvasser', ['C1']);
  interviewer = await loginAs(app, 'interviewer', ['C1']);

  const r1 = sampleSurvey({
    communityCode: 'C1',
    householdAddress: '1号楼101室',
    collectedAt: '2025-11-20T23:30:00+08:00',
  });
  const r2 = sampleSurvey({
    communityCode: 'C1',
    householdAddress: '1-101',
    answers: LOWEST_MARKS_ANSWERS,
    collectedAt: '2025-11-20T09:00:00+08:00',
  });
  const r3 = sampleSurvey({
    communityCode: 'C1',
    householdAddress: '2号楼201室',
    answers: LOWEST_MARKS_ANSWERS,
    collectedAt: '2025-11-21T09:00:00+08:00',
  });
  // 16:30 UTC is 00:30 the next day in Shanghai: it belongs to the 21st.
  const r4 = sampleSurvey({
    communityCode: 'C1',
    householdAddress: '3号楼301室',
    collectedAt: '2025-11-20T16:30:00Z',
  });
  const r5 = sampleSurvey({
    communityCode: 'C2',
    householdAddress: '5号楼501室',
    collectedAt: '2025-11-21T10:00:00+08:00',
  });
  Object.assign(ids, { r1: r1.id, r2: r2.id });
  await syncAt('2025-11-21T00:00:00.000Z', canvasserA, [r1]);
  await syncAt('2025-11-21T02:00:00.000Z', canvasserB, [r2, r3]);
  await syncAt('2025-11-21T04:00:00.000Z', canvasserA, [r4, r5]);
  await syncAt('2025-11-22T05:00:00.000Z', interviewer, [
    sampleInterview({
      communityCode: 'C1',
      group: 'elderly_living_alone',
      view: 'A',
      date: '2025-11-22',
    }),
    sampleInterview({
      communityCode: 'C1',
      group: 'disabled_resident',
      view: 'C',
      date: '2025-11-22',
    }),
  ]);
  // A resident's own answer by QR code: counted, attributed to no collector.
  clock = new Date('2025-11-23T06:00:00.000Z');
  const token = app.repos.communities.get('C2')?.qrToken;
  const qr = await app.inject({
    method: 'POST',
    url: `/api/public/q/${token}/responses`,
    headers: CLIENT_HEADERS,
    payload: sampleSurvey({ communityCode: 'C2', channel: 'qr', householdAddress: '6号楼601室' }),
  });
  expect(qr.json()).toMatchObject({ status: 'accepted' });
});
afterEach(async () => cleanup());

describe('GET /api/coverage', () => {
  it('tells the person asking, per community, the households counted today and their own', async () => {
    clock = new Date('2025-11-21T08:00:00.000Z'); // the 21st in Shanghai
    const answer = await app.inject({
      method: 'GET',
      url: '/api/coverage',
      headers: { cookie: canvasserA.cookie },
    });
    // C1 today: 2号楼201室 (B) and 3号楼301室 (A, 00:30 on the 21st); 1号101室 was the 20th.
    // A's own counted households: 1号101室 and 3号楼301室 in C1, 5号楼501室 in C2.
    expect(answer.json().fieldProgress).toEqual({
      day: '2025-11-21',
      communities: [
        { code: 'C1', today: 2, mine: 2 },
        { code: 'C2', today: 1, mine: 1 },
      ],
    });
  });

  it('counts each household once, keeps repeats, and scores by hand-checked figures', async () => {
    const { communities, town } = await coverage();
    const [c1, c2] = communities;
    // C1: four responses from three households (1号101室 twice) out of 10 → 30%, target met.
    expect(c1).toMatchObject({
      code: 'C1',
      name: '一居',
      type: '导入居',
      totalHouseholds: 10,
      surveyedHouseholds: 3,
      coverage: 0.3,
      meetsTarget: true,
      shortfall: 0,
      responses: 4,
      repeats: 1,
      lastActivityAt: '2025-11-22T05:00:00.000Z',
    });
    // Counted: 100 (first at 1号101室), 3, 100 → mean 203/3; 30 × mean / 100 = 20.3.
    expect(c1.meanSurveyScore).toBeCloseTo(203 / 3, 10);
    expect(c1.satisfactionPoints).toBe(20.3);
    // Interviews: view A (20/20) and C (6/20) → 100 and 30.
    expect(c1.interviews).toEqual({
      total: 2,
      target: 20,
      meetsTarget: false,
      shortfall: 18,
      byGroup: {
        poor_party_member: 0,
        low_income_family: 0,
        child_in_difficulty: 0,
        disabled_resident: 1,
        elderly_living_alone: 1,
        other_special: 0,
      },
    });
    expect(c1.meanInterviewScore).toBe(65);
    // C2: two households of 7; 30% of 7 is 2.1, so 3 are needed.
    expect(c2).toMatchObject({
      surveyedHouseholds: 2,
      coverage: 2 / 7,
      meetsTarget: false,
      shortfall: 1,
      responses: 2,
      repeats: 0,
      meanSurveyScore: 100,
      meanInterviewScore: null,
      satisfactionPoints: 30,
      lastActivityAt: '2025-11-23T06:00:00.000Z',
    });
    expect(town).toEqual({
      communities: 2,
      totalHouseholds: 17,
      surveyedHouseholds: 5,
      coverage: 5 / 17,
      communitiesMeetingTarget: 1,
      responses: 6,
      repeats: 1,
      interviews: 2,
      communitiesMeetingInterviewTarget: 0,
      meanSurveyScore: (100 + 3 + 100 + 100 + 100) / 5,
      lastActivityAt: '2025-11-23T06:00:00.000Z',
      visits: { notHome: 0, refused: 0, vacant: 0, revisit: 0 },
    });
  });

  it('gives each collector households, responses and interviews by Shanghai day', async () => {
    const { collectors } = await coverage();
    const byUser = Object.fromEntries(collectors.map((c: { userId: string }) => [c.userId, c]));
    expect(byUser[canvasserA.userId]).toMatchObject({
      households: 3,
      responses: 3,
      interviews: 0,
      byDay: [
        { date: '2025-11-20', households: 1, responses: 1, interviews: 0 },
        { date: '2025-11-21', households: 2, responses: 2, interviews: 0 },
      ],
    });
    expect(byUser[canvasserB.userId]).toMatchObject({
      households: 1,
      responses: 2,
      byDay: [
        { date: '2025-11-20', households: 0, responses: 1, interviews: 0 },
        { date: '2025-11-21', households: 1, responses: 1, interviews: 0 },
      ],
    });
    expect(byUser[interviewer.userId]).toMatchObject({
      interviews: 2,
      byDay: [{ date: '2025-11-22', households: 0, responses: 0, interviews: 2 }],
    });
    expect(collectors).toHaveLength(3);
  });

  it('promotes the next response of a household when its counted one is invalidated, and back on restore', async () => {
    const review = (action: 'invalidate' | 'restore') =>
      app.inject({
        method: 'POST',
        url: `/api/review/responses/${ids.r1}/${action}`,
        headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
        ...(action === 'invalidate' ? { payload: { reason: '重复录入' } } : {}),
      });
    expect((await review('invalidate')).statusCode).toBe(200);
    let c1 = (await coverage()).communities[0];
    // 1号101室 is now counted by its second response (3 points): still 3 households, no repeat.
    expect(c1).toMatchObject({ surveyedHouseholds: 3, responses: 3, repeats: 0 });
    expect(c1.meanSurveyScore).toBeCloseTo((3 + 3 + 100) / 3, 10);
    expect((await review('restore')).statusCode).toBe(200);
    c1 = (await coverage()).communities[0];
    expect(c1).toMatchObject({ surveyedHouseholds: 3, responses: 4, repeats: 1 });
    expect(c1.meanSurveyScore).toBeCloseTo(203 / 3, 10);
  });
});
