import { describe, expect, it } from 'vitest';
import type { LoggedIn } from '../../testing.ts';

import { call, codes, coordinator, entry, scorerOf, useAssessmentApp, YEAR } from './test-kit.ts';

// A year created by a coordinator before each test (see useAssessmentApp).
useAssessmentApp();

describe('department scoring', () => {
  it('lists only the items the department scores, for every community', async () => {
    const scorer = await scorerOf('city-operations-center');
    const res = await call(scorer, 'GET', `/api/assessment/${YEAR}/scoring`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.department).toEqual({ id: 'city-operations-center', name: '城运中心' });
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([
      'mass.hotline.work-orders',
      'regular.stability.overall',
    ]);
    expect(body.items.map((i: { lead: boolean }) => i.lead)).toEqual([true, false]);
    expect(body.communities).toHaveLength(codes.length);
    expect(codes).toHaveLength(27);
  });

  it('stores a scorer’s points on its own item and records who changed what in the audit trail', async () => {
    const scorer = await scorerOf('city-operations-center');
    const res = await call(scorer, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: [entry('mass.hotline.work-orders', 'DEMO01', 4.5, '工单同比下降 12%')],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ saved: 1, changed: 1 });

    const scoring = (await call(scorer, 'GET', `/api/assessment/${YEAR}/scoring`)).json();
    expect(scoring.scores).toEqual([
      expect.objectContaining({
        communityCode: 'DEMO01',
        itemId: 'mass.hotline.work-orders',
        points: 4.5,
        basis: '工单同比下降 12%',
        department: 'city-operations-center',
        confirmedAt: null,
      }),
    ]);
    const audit = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/audit`)).json();
    expect(audit.entries[0]).toMatchObject({
      action: 'item_scored',
      actorName: 'city-operations-center 评分员（s-city-operations-center）',
      communityCode: 'DEMO01',
      itemId: 'mass.hotline.work-orders',
      oldValue: null,
      newValue: { points: 4.5, basis: '工单同比下降 12%' },
      reason: '工单同比下降 12%',
    });
  });

  it('refuses an item the department does not score with 403 and stores nothing of the batch', async () => {
    const scorer = await scorerOf('city-operations-center');
    const res = await call(scorer, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: [
        entry('mass.hotline.work-orders', 'DEMO01', 4),
        entry('regular.party.overall', 'DEMO01', 10),
      ],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      error: 'department_not_scorer',
      message: '城运中心不负责“加强党组织建设”的评分',
      issues: [{ path: 'entries.1.department' }],
    });
    const survey = await call(scorer, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: [entry('mass.satisfaction.overall', 'DEMO01', 20)],
    });
    expect(survey.statusCode).toBe(403);
    expect(survey.json().error).toBe('item_not_department_scored');
    const scoring = (await call(scorer, 'GET', `/api/assessment/${YEAR}/scoring`)).json();
    expect(scoring.scores).toEqual([]);
  });

  it('refuses points above the item’s maximum, off the 0.5 step, or without a basis', async () => {
    const scorer = await scorerOf('city-operations-center');
    const cases: [ReturnType<typeof entry>, string, RegExp][] = [
      [entry('mass.hotline.work-orders', 'DEMO01', 5.5), 'item_points_out_of_range', /0 到 5 分/],
      [entry('mass.hotline.work-orders', 'DEMO01', -0.5), 'item_points_out_of_range', /0 到 5 分/],
      [entry('mass.hotline.work-orders', 'DEMO01', 2.3), 'item_points_step', /0.5 分为单位/],
      [entry('mass.hotline.work-orders', 'DEMO01', 3, '  '), 'basis_required', /评分依据/],
    ];
    for (const [bad, code, message] of cases) {
      const res = await call(scorer, 'POST', `/api/assessment/${YEAR}/scores`, { entries: [bad] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe(code);
      expect(res.json().message).toMatch(message);
    }
    const ok = await call(scorer, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: [entry('mass.hotline.work-orders', 'DEMO01', 5)],
    });
    expect(ok.statusCode).toBe(200);
  });

  it('lets only the lead department confirm, and only once every community has points', async () => {
    const chengyun = await scorerOf('city-operations-center');
    const peace = await scorerOf('peace-office');
    const notLead = await call(
      chengyun,
      'POST',
      `/api/assessment/${YEAR}/items/regular.stability.overall/confirm`,
    );
    expect(notLead.statusCode, notLead.body).toBe(403);
    expect(notLead.json().error).toBe('not_lead_department');

    await call(peace, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: [entry('regular.stability.overall', 'DEMO01', 9)],
    });
    const incomplete = await call(
      peace,
      'POST',
      `/api/assessment/${YEAR}/items/regular.stability.overall/confirm`,
    );
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json().error).toBe('scores_incomplete');

    // Any scoring department enters points; the lead confirms them.
    await call(chengyun, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: codes.map((code) => entry('regular.stability.overall', code, 8)),
    });
    const confirmed = await call(
      peace,
      'POST',
      `/api/assessment/${YEAR}/items/regular.stability.overall/confirm`,
    );
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ confirmed: 27, rule: 'lead' });
    const results = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`)).json();
    const demo01 = results.communities.find((c: { code: string }) => c.code === 'DEMO01');
    // The lead's own 9 stands for DEMO01, though 城运中心 saved its 8 later.
    expect(demo01.items['regular.stability.overall']).toBe(9);
    expect(demo01.pending).toEqual([]);
    const demo02 = results.communities.find((c: { code: string }) => c.code === 'DEMO02');
    expect(demo02.items['regular.stability.overall']).toBe(8);

    // A changed figure needs confirming again; until then it does not count.
    await call(chengyun, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: [entry('regular.stability.overall', 'DEMO02', 7)],
    });
    const after = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`)).json();
    const changed = after.communities.find((c: { code: string }) => c.code === 'DEMO02');
    expect(changed.items['regular.stability.overall']).toBeNull();
    expect(changed.pending).toEqual(['regular.stability.overall']);
  });
});

describe('several departments on one item', () => {
  const PARTY = 'regular.party.overall';
  const resultOf = async (code: string) =>
    (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`))
      .json()
      .communities.find((c: { code: string }) => c.code === code);

  it('keeps each department’s entry, lets the lead confirm by a stated rule, and audits every dropped confirmation', async () => {
    const lead = await scorerOf('party-mass-office');
    const armed = await scorerOf('armed-forces');
    await call(lead, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: codes.map((code) => entry(PARTY, code, 13, '组织生活规范')),
    });
    await call(armed, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: codes.map((code) => entry(PARTY, code, 10, '民兵整组一般')),
    });

    // The lead sees both departments side by side; the later save replaced nothing.
    const sheet = (await call(lead, 'GET', `/api/assessment/${YEAR}/scoring`)).json();
    expect(
      sheet.entries
        .filter((e: { communityCode: string }) => e.communityCode === 'DEMO01')
        .map((e: { departmentName: string; points: number; enteredByName: string }) => [
          e.departmentName,
          e.points,
          e.enteredByName,
        ]),
    ).toEqual([
      ['党群办', 13, 'party-mass-office 评分员'],
      ['武装', 10, 'armed-forces 评分员'],
    ]);
    expect((await call(armed, 'GET', `/api/assessment/${YEAR}/scoring`)).json().entries).toEqual(
      [],
    );

    // By default the lead's own figure stands.
    const confirmed = await call(lead, 'POST', `/api/assessment/${YEAR}/items/${PARTY}/confirm`);
    expect(confirmed.json()).toEqual({ confirmed: 27, rule: 'lead' });
    expect((await resultOf('DEMO01')).items[PARTY]).toBe(13);

    // A non-lead's later change neither overwrites the lead's figure nor drops its confirmation.
    await call(armed, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: [entry(PARTY, 'DEMO01', 9, '复核后下调')],
    });
    expect((await resultOf('DEMO01')).items[PARTY]).toBe(13);
    expect((await resultOf('DEMO01')).pending).toEqual([]);

    // The lead may confirm the mean instead: (13 + 9) ÷ 2 = 11, (13 + 10) ÷ 2 = 11.5.
    const mean = await call(lead, 'POST', `/api/assessment/${YEAR}/items/${PARTY}/confirm`, {
      rule: 'mean',
    });
    expect(mean.json()).toEqual({ confirmed: 27, rule: 'mean' });
    expect((await resultOf('DEMO01')).items[PARTY]).toBe(11);
    expect((await resultOf('DEMO02')).items[PARTY]).toBe(11.5);

    // Now a non-lead's change moves the confirmed figure: the confirmation goes, with a reason.
    await call(armed, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: [entry(PARTY, 'DEMO01', 10, '再次复核')],
    });
    const after = await resultOf('DEMO01');
    expect(after.items[PARTY]).toBeNull();
    expect(after.pending).toEqual([PARTY]);
    const audit = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/audit`)).json();
    expect(audit.entries[0]).toMatchObject({
      action: 'item_confirmation_dropped',
      communityCode: 'DEMO01',
      itemId: PARTY,
      oldValue: { points: 11, rule: 'mean', department: 'party-mass-office' },
      newValue: null,
    });
    expect(audit.entries[0].reason).toContain('武装将本部门评分从 9 分改为 10 分');
    expect(audit.entries[0].reason).toContain('党群办重新确认');
    expect(audit.entries[1]).toMatchObject({
      action: 'item_scored',
      oldValue: { points: 9, department: 'armed-forces' },
      newValue: { points: 10, department: 'armed-forces' },
    });
    const confirmations = audit.entries.filter(
      (e: { action: string }) => e.action === 'item_confirmed',
    );
    expect(confirmations).toEqual([
      expect.objectContaining({
        oldValue: { confirmed: 27, department: 'party-mass-office', rule: 'lead' },
        newValue: { confirmed: 27, department: 'party-mass-office', rule: 'mean' },
      }),
      expect.objectContaining({
        oldValue: null,
        newValue: { confirmed: 27, department: 'party-mass-office', rule: 'lead' },
        reason: null,
      }),
    ]);
    // Re-confirming by the mean moved every figure: each community's old → new is in the trail.
    expect(confirmations[0].reason).toMatch(/^党群办重新确认，27 个居民区已确认的得分改变：/);
    expect(confirmations[0].reason).toMatch(/示例0?1（演示数据） 13 → 11 分/);
    expect(confirmations[0].reason).toMatch(/示例0?2（演示数据） 13 → 11.5 分/);

    // Each department still reads back its own figure.
    const own = (who: LoggedIn) =>
      call(who, 'GET', `/api/assessment/${YEAR}/scoring`).then((r) =>
        r.json().scores.find((s: { communityCode: string }) => s.communityCode === 'DEMO01'),
      );
    expect(await own(lead)).toMatchObject({ points: 13, department: 'party-mass-office' });
    expect(await own(armed)).toMatchObject({ points: 10, department: 'armed-forces' });
  });

  it('refuses to confirm by the lead’s rule when the lead entered nothing and the others disagree', async () => {
    const lead = await scorerOf('party-mass-office');
    const armed = await scorerOf('armed-forces');
    const union = await scorerOf('trade-union');
    await call(armed, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: codes.map((code) => entry(PARTY, code, 10)),
    });
    await call(union, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: [entry(PARTY, 'DEMO03', 12)],
    });
    const res = await call(lead, 'POST', `/api/assessment/${YEAR}/items/${PARTY}/confirm`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: 'entries_disagree',
      issues: [{ path: 'communities.DEMO03' }],
    });
    expect(res.json().message).toContain('武装 10 分、总工会 12 分');
    expect((await resultOf('DEMO01')).items[PARTY]).toBeNull();
  });
});
