import { FULL_MARKS_ANSWERS, sampleSurvey } from '@jiuting/questionnaire/testing';
import { describe, expect, it } from 'vitest';
import { type LoggedIn, loginAs } from '../../testing.ts';

import {
  app,
  call,
  codes,
  completeEveryCommunity,
  coordinator,
  entry,
  lockAcceptingAll,
  scorerOf,
  useAssessmentApp,
  YEAR,
} from './test-kit.ts';

// A year created by a coordinator before each test (see useAssessmentApp).
useAssessmentApp();

describe('years', () => {
  it('holds one assessment per year and answers 404 for a year never created', async () => {
    const again = await call(coordinator, 'POST', '/api/assessment/years', { year: YEAR });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('assessment_year_exists');
    const missing = await call(coordinator, 'GET', '/api/assessment/2031/results');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toBe('assessment_year_unknown');
    const list = (await call(coordinator, 'GET', '/api/assessment/years')).json();
    expect(list.years).toEqual([expect.objectContaining({ year: YEAR, state: 'open' })]);
  });
});

describe('locking the year', () => {
  it('refuses every write after the lock with 409 assessment_locked, and results stay readable', async () => {
    const scorer = await scorerOf('city-operations-center');
    await call(scorer, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: codes.map((code) => entry('mass.hotline.work-orders', code, 4)),
    });
    const noNote = await call(coordinator, 'POST', `/api/assessment/${YEAR}/lock`, { note: '' });
    expect(noNote.statusCode).toBe(400);
    const lock = await lockAcceptingAll(app, coordinator, YEAR, '镇党委会议 2025-12-20 定案');
    expect(lock.statusCode, lock.body).toBe(200);
    expect(lock.json().year).toMatchObject({
      state: 'locked',
      lockNote: '镇党委会议 2025-12-20 定案',
    });

    const writes: [LoggedIn, string, string, unknown?][] = [
      [
        scorer,
        'POST',
        `/api/assessment/${YEAR}/scores`,
        { entries: [entry('mass.hotline.work-orders', 'DEMO01', 1)] },
      ],
      [scorer, 'POST', `/api/assessment/${YEAR}/items/mass.hotline.work-orders/confirm`],
      [
        coordinator,
        'PUT',
        `/api/assessment/${YEAR}/communities/DEMO01/bonus`,
        { honours: [], cases: [] },
      ],
      [
        coordinator,
        'PUT',
        `/api/assessment/${YEAR}/communities/DEMO01/deductions`,
        { deductions: [] },
      ],
      [
        coordinator,
        'PUT',
        `/api/assessment/${YEAR}/communities/DEMO01/satisfaction`,
        { points: 20, reason: '复核' },
      ],
      [
        coordinator,
        'POST',
        `/api/assessment/${YEAR}/hotline/import`,
        { csv: '居民区编号,今年工单数,去年工单数,满意率\nDEMO01,1,2,90\n' },
      ],
      [coordinator, 'POST', `/api/assessment/${YEAR}/lock`, { note: '再次锁定' }],
    ];
    for (const [who, method, url, payload] of writes) {
      const res = await call(who, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(409);
      expect(res.json()).toMatchObject({
        error: 'assessment_locked',
        message: '该年度考核已经镇党委定案并锁定，不能再修改',
      });
    }
    const scoring = (await call(scorer, 'GET', `/api/assessment/${YEAR}/scoring`)).json();
    expect(scoring.scores.every((s: { points: number }) => s.points === 4)).toBe(true);
    expect(scoring.state).toBe('locked');
    const results = await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`);
    expect(results.statusCode).toBe(200);
    expect(results.json().state).toBe('locked');
    const audit = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/audit`)).json();
    expect(audit.entries[0]).toMatchObject({
      action: 'year_locked',
      reason: '镇党委会议 2025-12-20 定案',
    });
  });
});

describe('what the lock refuses', () => {
  it('lists what is incomplete, refuses the lock until each is resolved or accepted with a reason, and audits every acceptance', async () => {
    const results = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`)).json();
    // Nothing is complete: no grade and no rank yet (待定), and the coverage flag is up.
    expect(
      results.communities.every(
        (c: { grade: unknown; rank: unknown }) => c.grade === null && c.rank === null,
      ),
    ).toBe(true);
    const demo27 = results.communities.find((c: { code: string }) => c.code === 'DEMO27');
    expect(demo27).toMatchObject({
      coverageBelowFloor: true,
      coverage: { surveyed: 0, total: 775, ratio: 0, meetsTarget: false },
      interviews: { count: 0, meetsTarget: false },
    });

    const check = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/lock-check`)).json();
    const keys = check.issues.map((i: { key: string }) => i.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'item:regular.party.overall',
        'satisfaction:DEMO01',
        'coverage:DEMO27',
        'interviews:DEMO27',
      ]),
    );
    expect(keys).toHaveLength(11 + 27 * 3);
    const coverage27 = check.issues.find((i: { key: string }) => i.key === 'coverage:DEMO27');
    expect(coverage27.message).toBe('示例27（演示数据）问卷覆盖率 0.0%（0/775 户），低于 30%');

    const bare = await call(coordinator, 'POST', `/api/assessment/${YEAR}/lock`, {
      note: '镇党委定案',
    });
    expect(bare.statusCode).toBe(409);
    expect(bare.json().error).toBe('lock_incomplete');
    expect(bare.json().message).toMatch(/^还有 92 项未完成/);
    expect(bare.json().issues).toHaveLength(92);

    // Accepting all but one still refuses, naming only the one left.
    const accepted = keys.map((key: string) => ({ key, reason: '经镇党委研究，按现有数据定案' }));
    const allButOne = await call(coordinator, 'POST', `/api/assessment/${YEAR}/lock`, {
      note: '镇党委定案',
      accepted: accepted.filter((a: { key: string }) => a.key !== 'interviews:DEMO27'),
    });
    expect(allButOne.statusCode).toBe(409);
    expect(allButOne.json().issues).toEqual([
      {
        path: 'issues.interviews:DEMO27',
        message: '示例27（演示数据）特殊群体访谈 0 人，不足 20 人',
      },
    ]);

    const blankReason = await call(coordinator, 'POST', `/api/assessment/${YEAR}/lock`, {
      note: '镇党委定案',
      accepted: [{ key: 'coverage:DEMO27', reason: '  ' }],
    });
    expect(blankReason.statusCode).toBe(400);
    expect(blankReason.json().issues[0]).toMatchObject({ path: 'accepted.0.reason' });
    expect((await call(coordinator, 'GET', `/api/assessment/${YEAR}`)).json().year.state).toBe(
      'open',
    );

    const lock = await call(coordinator, 'POST', `/api/assessment/${YEAR}/lock`, {
      note: '镇党委定案',
      accepted,
    });
    expect(lock.statusCode, lock.body).toBe(200);
    expect(lock.json().year.lockExceptions).toHaveLength(92);
    expect(lock.json().year.lockExceptions).toContainEqual({
      key: 'coverage:DEMO27',
      kind: 'coverage_below_floor',
      message: '示例27（演示数据）问卷覆盖率 0.0%（0/775 户），低于 30%',
      reason: '经镇党委研究，按现有数据定案',
    });
    const audit = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/audit`)).json();
    const acceptances = audit.entries.filter(
      (e: { action: string }) => e.action === 'lock_exception_accepted',
    );
    expect(acceptances).toHaveLength(92);
    expect(acceptances).toContainEqual(
      expect.objectContaining({
        communityCode: 'DEMO27',
        newValue: expect.objectContaining({ key: 'coverage:DEMO27' }),
        reason: '经镇党委研究，按现有数据定案',
      }),
    );
    // The lock settles every grade: what was accepted is graded as it stands.
    const after = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`)).json();
    expect(after.communities.every((c: { grade: unknown }) => c.grade !== null)).toBe(true);
    expect((await call(coordinator, 'GET', `/api/assessment/${YEAR}/lock-check`)).json()).toEqual({
      issues: [],
    });
  });

  it('grades a complete community while the others stay 待定', async () => {
    completeEveryCommunity(app, YEAR, coordinator.userId);
    app.db.prepare("DELETE FROM assessment_item_scores WHERE community_code = 'DEMO01'").run();
    const results = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`)).json();
    const demo01 = results.communities.find((c: { code: string }) => c.code === 'DEMO01');
    expect(demo01).toMatchObject({ grade: null, rank: null, complete: false });
    const others = results.communities.filter((c: { code: string }) => c.code !== 'DEMO01');
    expect(others.every((c: { grade: unknown }) => c.grade !== null)).toBe(true);
  });
});

describe('the survey’s points once locked', () => {
  it('stay as they were at the lock; a late item of the locked year is refused, the next year’s counts there', async () => {
    const canvasser = await loginAs(app, 'canvasser');
    const first = await call(canvasser, 'POST', '/api/sync', {
      items: [sampleSurvey({ communityCode: 'DEMO01' })],
    });
    expect(first.json().results[0].status).toBe('accepted');
    const before = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`)).json();
    const pointsBefore = before.communities.find((c: { code: string }) => c.code === 'DEMO01')
      .satisfaction.computed;
    expect(pointsBefore).toBe(30);

    await lockAcceptingAll(app, coordinator, YEAR, '镇党委定案');
    const worseAnswers = { ...FULL_MARKS_ANSWERS, q1: 'B', q3: 'B', q4: 'D', q8: 'D', q9: 'D' };
    const late = await call(canvasser, 'POST', '/api/sync', {
      items: [sampleSurvey({ communityCode: 'DEMO01', answers: worseAnswers })],
    });
    expect(late.json().results[0]).toMatchObject({
      status: 'rejected',
      error: { error: 'year_locked', message: expect.stringContaining(`${YEAR} 年度`) },
    });

    await call(coordinator, 'POST', '/api/assessment/years', { year: YEAR + 1 });
    const next = await call(canvasser, 'POST', '/api/sync', {
      items: [
        sampleSurvey({
          communityCode: 'DEMO01',
          collectedAt: new Date().toISOString(),
          answers: worseAnswers,
        }),
      ],
    });
    expect(next.json().results[0].status, next.body).toBe('accepted');
    const live = (await call(coordinator, 'GET', '/api/coverage')).json();
    expect(live.year).toBe(YEAR + 1);
    expect(
      live.communities.find((c: { code: string }) => c.code === 'DEMO01').satisfactionPoints,
    ).toBeLessThan(30);
    const after = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`)).json();
    expect(
      after.communities.find((c: { code: string }) => c.code === 'DEMO01').satisfaction.computed,
    ).toBe(30);
  });
});
