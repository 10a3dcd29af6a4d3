import { describe, expect, it } from 'vitest';

import { app, call, coordinator, useAssessmentApp, YEAR } from './test-kit.ts';

// A year created by a coordinator before each test (see useAssessmentApp).
useAssessmentApp();

describe('coordinators’ adjustments', () => {
  const bonusUrl = (code: string) => `/api/assessment/${YEAR}/communities/${code}/bonus`;
  const deductionsUrl = (code: string) => `/api/assessment/${YEAR}/communities/${code}/deductions`;
  const resultOf = async (code: string) =>
    (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`))
      .json()
      .communities.find((c: { code: string }) => c.code === code);

  it('caps the bonus at 5 and refuses a case worth more than its range', async () => {
    const capped = await call(coordinator, 'PUT', bonusUrl('DEMO01'), {
      honours: [
        { work: '垃圾分类', level: 'national', bodies: 1 },
        { work: '垃圾分类', level: 'district', bodies: 1 },
        { work: '加装电梯', level: 'national', bodies: 1 },
      ],
      cases: [{ title: '楼道自治', points: 1 }],
    });
    expect(capped.statusCode, capped.body).toBe(200);
    expect(capped.json()).toEqual({ points: 5, capped: true });
    expect((await resultOf('DEMO01')).bonus).toEqual({ points: 5, uncapped: 7, capped: true });

    const bad = await call(coordinator, 'PUT', bonusUrl('DEMO02'), {
      honours: [],
      cases: [{ title: '楼道自治', points: 2 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: 'case_points_out_of_range',
      issues: [{ path: 'cases.0.points' }],
    });
    expect(bad.json().message).toContain('自治共治优秀案例');
    expect((await resultOf('DEMO02')).bonus.points).toBe(0);
  });

  it('answers the stored bonus and deduction inputs through the results schema: undeclared fields stay home', async () => {
    const put = await call(coordinator, 'PUT', bonusUrl('DEMO01'), {
      honours: [{ work: '垃圾分类', level: 'district', bodies: 1 }],
      cases: [],
    });
    expect(put.statusCode, put.body).toBe(200);
    // As if a later release stored more than it means to show.
    app.db
      .prepare(
        `UPDATE assessment_adjustments SET
           bonus = json_set(bonus, '$.internalNote', 'LEAKED-NOTE'),
           deductions = json('[{"kind":"secrecy.archives","secret":"LEAKED-DEDUCTION"}]')
         WHERE community_code = 'DEMO01'`,
      )
      .run();
    const results = await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`);
    expect(results.statusCode, results.body).toBe(200);
    expect(results.body).not.toContain('LEAKED');
    expect((await resultOf('DEMO01')).bonusInput.honours).toHaveLength(1);
  });

  it('caps disciplinary deductions at 2 and refuses an amount outside the kind’s range', async () => {
    const capped = await call(coordinator, 'PUT', deductionsUrl('DEMO01'), {
      deductions: [
        { kind: 'discipline.main-leader', points: 1.5 },
        { kind: 'discipline.leadership-member', points: 1 },
        { kind: 'secrecy.archives' },
      ],
      reason: '纪检监察办通报',
    });
    expect(capped.statusCode, capped.body).toBe(200);
    expect(capped.json()).toEqual({ points: 2.5, capped: false });
    const demo01 = await resultOf('DEMO01');
    expect(demo01.deductions.points).toBe(2.5);

    const bad = await call(coordinator, 'PUT', deductionsUrl('DEMO01'), {
      deductions: [{ kind: 'discipline.main-leader', points: 2 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('deduction_points_out_of_range');
    expect(bad.json().message).toContain('党政主要负责人被立案受到党政纪处分每件扣 1–1.5 分');
    // The refused list replaced nothing.
    expect((await resultOf('DEMO01')).deductions.points).toBe(2.5);
  });

  it('overrides the satisfaction points only with a reason and keeps the survey figure beside it', async () => {
    const url = `/api/assessment/${YEAR}/communities/DEMO03/satisfaction`;
    const noReason = await call(coordinator, 'PUT', url, { points: 25, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toBe('override_reason_required');
    const tooHigh = await call(coordinator, 'PUT', url, { points: 31, reason: '复核' });
    expect(tooHigh.json().error).toBe('satisfaction_points_out_of_range');

    const ok = await call(coordinator, 'PUT', url, { points: 25.5, reason: '问卷复核后调整' });
    expect(ok.statusCode, ok.body).toBe(200);
    const demo03 = await resultOf('DEMO03');
    expect(demo03.satisfaction).toMatchObject({
      points: 25.5,
      source: 'override',
      computed: null,
      override: { points: 25.5, reason: '问卷复核后调整' },
    });
    expect(demo03.items['mass.satisfaction.overall']).toBe(25.5);
  });
});
