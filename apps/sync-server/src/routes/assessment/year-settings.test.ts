import { sampleInterview, sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readExportData } from '../../exports/read-data.ts';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs } from '../../testing.ts';
import { lockAcceptingAll } from './test-kit.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;

const YEAR = 2025;
const SETTINGS_URL = `/api/assessment/${YEAR}/settings`;
const DEFAULTS = {
  casePoints: { min: 0.5, max: 1 },
  casesCap: 1,
  interviewShare: 0,
  coverageConsequence: 'flag',
};

function call(who: LoggedIn, method: string, url: string, payload?: unknown) {
  return app.inject({
    method: method as 'GET',
    url,
    headers: { ...CLIENT_HEADERS, cookie: who.cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const demo01 = async () =>
  (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`))
    .json()
    .communities.find((c: { code: string }) => c.code === 'DEMO01');

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  coordinator = await loginAs(app, 'coordinator');
  const res = await call(coordinator, 'POST', '/api/assessment/years', { year: YEAR });
  expect(res.statusCode, res.body).toBe(200);
});
afterEach(async () => cleanup());

describe('the year’s settings', () => {
  it('start at the documented defaults and change only with a reason, audited old → new', async () => {
    const year = (await call(coordinator, 'GET', `/api/assessment/${YEAR}`)).json().year;
    expect(year.settings).toEqual(DEFAULTS);
    const settings = { ...DEFAULTS, casePoints: { min: 0.5, max: 2 }, casesCap: 2 };
    const noReason = await call(coordinator, 'PUT', SETTINGS_URL, { settings, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().issues[0]).toMatchObject({ path: 'reason' });

    const set = await call(coordinator, 'PUT', SETTINGS_URL, {
      settings,
      reason: '镇党委会议决定优秀案例最多加 2 分',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().year.settings).toEqual(settings);
    const audit = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/audit`)).json();
    expect(audit.entries[0]).toMatchObject({
      action: 'settings_set',
      oldValue: DEFAULTS,
      newValue: settings,
      reason: '镇党委会议决定优秀案例最多加 2 分',
    });
  });

  it('refuses impossible settings in Chinese and keeps the old ones', async () => {
    const res = await call(coordinator, 'PUT', SETTINGS_URL, {
      settings: { ...DEFAULTS, interviewShare: 1.5 },
      reason: '试一下',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ path: 'settings.interviewShare' });
    expect(res.json().issues[0].message).toMatch(/访谈在满意度得分中的占比/);
    const year = (await call(coordinator, 'GET', `/api/assessment/${YEAR}`)).json().year;
    expect(year.settings).toEqual(DEFAULTS);
  });

  it('set what a self-governance case may add', async () => {
    const url = `/api/assessment/${YEAR}/communities/DEMO01/bonus`;
    const cases = [{ title: '睦邻议事会', points: 1.5 }];
    const before = await call(coordinator, 'PUT', url, { honours: [], cases });
    expect(before.statusCode).toBe(400);
    expect(before.json().error).toBe('case_points_out_of_range');
    await call(coordinator, 'PUT', SETTINGS_URL, {
      settings: { ...DEFAULTS, casePoints: { min: 0.5, max: 2 }, casesCap: 2 },
      reason: '镇党委会议决定',
    });
    const after = await call(coordinator, 'PUT', url, { honours: [], cases });
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json().points).toBe(1.5);
    expect((await demo01()).bonus.points).toBe(1.5);
  });

  it('blend interviews into the 30 points by the share the team sets', async () => {
    const canvasser = await loginAs(app, 'canvasser');
    const interviewer = await loginAs(app, 'interviewer');
    await call(canvasser, 'POST', '/api/sync', { items: [sampleSurvey()] });
    const sent = await call(interviewer, 'POST', '/api/sync', {
      items: [sampleInterview({ view: 'D' })],
    });
    expect(sent.json().results[0].status, sent.body).toBe('accepted');
    expect((await demo01()).satisfaction.computed).toBe(30);
    await call(coordinator, 'PUT', SETTINGS_URL, {
      settings: { ...DEFAULTS, interviewShare: 0.2 },
      reason: '访谈占 20%',
    });
    // 30 × (0.8 × 100 + 0.2 × 0) ÷ 100 = 24
    expect((await demo01()).satisfaction.computed).toBe(24);
    // One figure everywhere: the dashboard and the export's 汇总 show the year's blend too.
    const coverage = await call(coordinator, 'GET', `/api/coverage?year=${YEAR}`);
    const onDashboard = coverage
      .json()
      .communities.find((c: { code: string }) => c.code === 'DEMO01');
    expect(onDashboard.satisfactionPoints).toBe(24);
    const exported = readExportData(app.db, YEAR).communities.find((c) => c.code === 'DEMO01');
    expect(exported?.satisfactionPoints).toBe(24);
  });

  it('choose what coverage under 30% costs: no-survey-points leaves the points to an override', async () => {
    const canvasser = await loginAs(app, 'canvasser');
    await call(canvasser, 'POST', '/api/sync', { items: [sampleSurvey()] });
    expect(await demo01()).toMatchObject({
      coverageBelowFloor: true,
      satisfaction: { points: 30, source: 'survey' },
    });
    await call(coordinator, 'PUT', SETTINGS_URL, {
      settings: { ...DEFAULTS, coverageConsequence: 'no-survey-points' },
      reason: '覆盖率不足的问卷得分不计入',
    });
    expect(await demo01()).toMatchObject({
      coverageBelowFloor: true,
      satisfaction: { points: null, source: 'missing' },
    });
  });

  it('cannot change once the year is locked', async () => {
    await lockAcceptingAll(app, coordinator, YEAR, '镇党委定案');
    const late = await call(coordinator, 'PUT', SETTINGS_URL, {
      settings: DEFAULTS,
      reason: '锁定后修改',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toBe('assessment_locked');
  });
});
