import { sampleInterview, sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs } from '../../testing.ts';
import { lockAcceptingAll } from './test-kit.ts';

// Issue 18: two assessment years side by side, the new year opened in January while phones
// still hold December's items, and the old year read-only once locked.

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let clock: Date;
let coordinator: LoggedIn;
let canvasser: LoggedIn;

function call(who: LoggedIn | null, method: string, url: string, payload?: unknown) {
  return app.inject({
    method: method as 'GET',
    url,
    headers: { ...CLIENT_HEADERS, ...(who ? { cookie: who.cookie } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const sync = async (items: unknown[]) => {
  const res = await call(canvasser, 'POST', '/api/sync', { items });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results as { id: string; status: string; repeat?: boolean; error?: object }[];
};

const demo01 = async (year?: number) => {
  const res = await call(coordinator, 'GET', `/api/coverage${year ? `?year=${year}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  return {
    year: body.year as number,
    ...body.communities.find((c: { code: string }) => c.code === 'DEMO01'),
  };
};

const yearOf = (id: string) =>
  app.db
    .prepare(
      'SELECT assessment_year FROM responses WHERE id = ? UNION ALL SELECT assessment_year FROM interviews WHERE id = ?',
    )
    .pluck()
    .get(id, id);

const openYear = async (year: number, extra: object = {}) => {
  const res = await call(coordinator, 'POST', '/api/assessment/years', { year, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().year;
};

// The same door, surveyed in December and again in January.
const DOOR = '9号楼901室';
const december = sampleSurvey({
  householdAddress: DOOR,
  collectedAt: '2025-12-23T10:00:00+08:00',
});

beforeEach(async () => {
  clock = new Date('2025-12-24T02:00:00Z');
  ({ app, cleanup } = await buildTestApp({ now: () => clock }));
  coordinator = await loginAs(app, 'coordinator');
  canvasser = await loginAs(app, 'canvasser');
  await openYear(2025);
  expect((await sync([december]))[0]?.status).toBe('accepted');
  clock = new Date('2026-01-02T01:00:00Z');
});
afterEach(async () => cleanup());

describe('two assessment years side by side', () => {
  it('counts a household once in each year, and keeps each year’s coverage and exports apart', async () => {
    await openYear(2026);
    clock = new Date('2026-01-05T03:00:00Z');
    const january = sampleSurvey({
      householdAddress: DOOR,
      collectedAt: '2026-01-05T09:00:00+08:00',
    });
    const [again] = await sync([january]);
    // Not a repeat: the door is surveyed for the first time in 2026.
    expect(again).toMatchObject({ status: 'accepted', repeat: false });
    const secondIn2026 = sampleSurvey({
      householdAddress: DOOR,
      collectedAt: '2026-01-05T10:00:00+08:00',
    });
    expect((await sync([secondIn2026]))[0]).toMatchObject({ status: 'accepted', repeat: true });

    const now = await demo01();
    expect(now).toMatchObject({ year: 2026, surveyedHouseholds: 1, responses: 2, repeats: 1 });
    expect(await demo01(2025)).toMatchObject({ year: 2025, surveyedHouseholds: 1, responses: 1 });

    const csv = async (year: number) => {
      const res = await call(coordinator, 'GET', `/api/exports/responses.csv?year=${year}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.body;
    };
    const file2025 = await csv(2025);
    const file2026 = await csv(2026);
    expect(file2025).toContain(december.id as string);
    expect(file2025).not.toContain(january.id as string);
    expect(file2026).toContain(january.id as string);
    expect(file2026).not.toContain(december.id as string);
    // The counted response only: the repeat is in neither file.
    expect(file2026).not.toContain(secondIn2026.id as string);
  }, 60_000);

  it('lists each year’s records in review and refuses a year outside 2000–2100', async () => {
    await openYear(2026);
    const list = async (year: number) =>
      (await call(coordinator, 'GET', `/api/review/responses?year=${year}`)).json().items;
    expect((await list(2025)).map((i: { id: string }) => i.id)).toEqual([december.id]);
    expect(await list(2026)).toEqual([]);
    expect((await call(coordinator, 'GET', '/api/coverage?year=1999')).statusCode).toBe(400);
  });
});

describe('phones across the new year', () => {
  it('takes a December item synced after the new year opened into December’s year', async () => {
    await openYear(2026);
    clock = new Date('2026-01-05T03:00:00Z');
    const lateSurvey = sampleSurvey({ collectedAt: '2025-12-30T16:00:00+08:00' });
    const lateInterview = sampleInterview({
      date: '2025-12-30',
      collectedAt: '2025-12-30T17:00:00+08:00',
    });
    expect((await sync([lateSurvey]))[0]?.status).toBe('accepted');
    const interviewer = await loginAs(app, 'interviewer');
    const filed = await call(interviewer, 'POST', '/api/sync', { items: [lateInterview] });
    expect(filed.json().results[0].status, filed.body).toBe('accepted');
    expect(yearOf(lateSurvey.id as string)).toBe(2025);
    expect(yearOf(lateInterview.id as string)).toBe(2025);
    expect(await demo01(2025)).toMatchObject({ responses: 2, interviews: { total: 1 } });
    expect(await demo01(2026)).toMatchObject({ responses: 0, interviews: { total: 0 } });
  });

  it('refuses a late item once its year is locked, with the year and what to do, and takes the new year’s', async () => {
    await openYear(2026);
    await lockAcceptingAll(app, coordinator, 2025, '镇党委定案');
    clock = new Date('2026-01-05T03:00:00Z');
    const late = sampleSurvey({ collectedAt: '2025-12-30T16:00:00+08:00' });
    const fresh = sampleSurvey({ collectedAt: '2026-01-05T09:00:00+08:00' });
    const [lateResult, freshResult] = await sync([late, fresh]);
    expect(lateResult).toMatchObject({
      status: 'rejected',
      error: { error: 'year_locked', message: expect.stringContaining('2025 年度') },
    });
    expect(freshResult?.status).toBe('accepted');
    expect(yearOf(late.id as string)).toBeUndefined();
    // The December item the server already had is still a duplicate on resend, never refused.
    expect((await sync([december]))[0]?.status).toBe('duplicate');
  });
});

describe('opening a year', () => {
  it('copies the settings, rotates the QR links (old posters: 本年度测评已结束), and is audited', async () => {
    const settings = {
      casePoints: { min: 0.5, max: 2 },
      casesCap: 2,
      interviewShare: 0,
      coverageConsequence: 'flag',
    };
    const set = await call(coordinator, 'PUT', '/api/assessment/2025/settings', {
      settings,
      reason: '镇党委会议决定',
    });
    expect(set.statusCode, set.body).toBe(200);
    const oldToken = app.repos.communities.get('DEMO07')?.qrToken as string;

    const opened = await openYear(2026, { collectionFrom: '2026-01-02' });
    expect(opened).toMatchObject({
      year: 2026,
      state: 'open',
      settings,
      questionnaireVersion: 1,
      collectionFrom: '2026-01-02',
      collectionTo: null,
    });
    const years = (await call(coordinator, 'GET', '/api/assessment/years')).json();
    expect(years.currentYear).toBe(2026);

    const oldPoster = await call(null, 'GET', `/api/public/q/${oldToken}`);
    expect(oldPoster.statusCode).toBe(410);
    expect(oldPoster.json()).toMatchObject({ error: 'qr_year_closed' });
    expect(oldPoster.json().message).toContain('本年度测评已结束');
    const oldPost = await call(null, 'POST', `/api/public/q/${oldToken}/responses`, {
      ...sampleSurvey({ communityCode: 'DEMO07', channel: 'qr' }),
    });
    expect(oldPost.statusCode).toBe(410);
    const newToken = app.repos.communities.get('DEMO07')?.qrToken as string;
    expect(newToken).not.toBe(oldToken);
    const form = await call(null, 'GET', `/api/public/q/${newToken}`);
    expect(form.json()).toMatchObject({ assessmentYear: 2026, questionnaireVersion: 1 });
    expect((await call(canvasser, 'GET', '/api/me')).json()).toMatchObject({
      assessmentYear: 2026,
      questionnaireVersion: 1,
    });

    const audit = (await call(coordinator, 'GET', '/api/assessment/2026/audit')).json();
    expect(JSON.stringify(audit)).toContain('year_opened');
  });

  it('keeps the previous year readable, and unchangeable once locked', async () => {
    await openYear(2026);
    await lockAcceptingAll(app, coordinator, 2025, '镇党委定案');
    expect(await demo01(2025)).toMatchObject({ surveyedHouseholds: 1 });
    const invalidate = await call(
      coordinator,
      'POST',
      `/api/review/responses/${december.id}/invalidate`,
      {
        reason: '重复录入',
      },
    );
    expect(invalidate.statusCode).toBe(409);
    expect(invalidate.json()).toMatchObject({ error: 'year_locked' });
    expect(invalidate.json().message).toContain('2025 年度');
    expect(await demo01(2025)).toMatchObject({ surveyedHouseholds: 1 });
    const settings = await call(coordinator, 'PUT', '/api/assessment/2025/collection', {
      questionnaireVersion: 1,
      collectionFrom: null,
      collectionTo: '2025-12-31',
      reason: '补记',
    });
    expect(settings.statusCode).toBe(409);
  });

  it('refuses a year earlier than the latest, and a questionnaire version nobody knows', async () => {
    await openYear(2026);
    const earlier = await call(coordinator, 'POST', '/api/assessment/years', { year: 2024 });
    expect(earlier.statusCode).toBe(409);
    expect(earlier.json()).toMatchObject({ error: 'assessment_year_not_next' });
    const unknown = await call(coordinator, 'POST', '/api/assessment/years', {
      year: 2027,
      questionnaireVersion: 9,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: 'questionnaire_version_unknown' });
    expect((await call(coordinator, 'GET', '/api/assessment/2027')).statusCode).toBe(404);
  });

  it('lets the coordinators set the collection window with a reason; new items follow it', async () => {
    await openYear(2026);
    const set = await call(coordinator, 'PUT', '/api/assessment/2026/collection', {
      questionnaireVersion: 1,
      collectionFrom: '2026-01-10',
      collectionTo: null,
      reason: '1 月 10 日起开始 2026 年度测评',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().year).toMatchObject({ collectionFrom: '2026-01-10' });
    clock = new Date('2026-01-05T03:00:00Z');
    const early = sampleSurvey({ collectedAt: '2026-01-05T09:00:00+08:00' });
    await sync([early]);
    expect(yearOf(early.id as string)).toBe(2025);
    const backwards = await call(coordinator, 'PUT', '/api/assessment/2026/collection', {
      questionnaireVersion: 1,
      collectionFrom: '2026-02-01',
      collectionTo: '2026-01-01',
      reason: '测试',
    });
    expect(backwards.statusCode).toBe(400);
  });
});
