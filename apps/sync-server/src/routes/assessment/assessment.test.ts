import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../plugins/auth.ts';
import {
  buildTestApp,
  CLIENT_HEADERS,
  FULL_MARKS_ANSWERS,
  type LoggedIn,
  loginAs,
  sampleSurvey,
} from '../../testing.ts';
import { completeEveryCommunity, lockAcceptingAll } from './test-kit.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let admin: LoggedIn;
let coordinator: LoggedIn;
let codes: string[];

const YEAR = 2025;
const ADMIN_PASSWORD = 'admin-password-123';
const SCORER_PASSWORD = 'scorer-password-123';

function call(who: LoggedIn | null, method: string, url: string, payload?: unknown) {
  return app.inject({
    method: method as 'GET',
    url,
    headers: { ...CLIENT_HEADERS, ...(who ? { cookie: who.cookie } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function signIn(username: string, password: string): Promise<LoggedIn> {
  const res = await call(null, 'POST', '/api/auth/login', { username, password });
  expect(res.statusCode).toBe(200);
  const token = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  return { cookie: `${SESSION_COOKIE}=${token}`, userId: res.json().user.id, username };
}

/** An admin creates the account through the users route, as the town would. */
async function scorerOf(department: string, username = `s-${department}`): Promise<LoggedIn> {
  const res = await call(admin, 'POST', '/api/users', {
    username,
    displayName: `${department} 评分员`,
    role: 'department_scorer',
    department,
    password: SCORER_PASSWORD,
  });
  expect(res.statusCode, res.body).toBe(200);
  return signIn(username, SCORER_PASSWORD);
}

const entry = (itemId: string, communityCode: string, points: number, basis = '台账齐全') => ({
  itemId,
  communityCode,
  points,
  basis,
});

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  admin = await signIn('admin', ADMIN_PASSWORD);
  coordinator = await loginAs(app, 'coordinator');
  codes = app.repos.communities.list().map((c) => c.code);
  const res = await call(coordinator, 'POST', '/api/assessment/years', { year: YEAR });
  expect(res.statusCode, res.body).toBe(200);
});
afterEach(async () => cleanup());

describe('department scorer accounts', () => {
  it('are created by an admin with a department, refused without one or by a coordinator', async () => {
    const without = await call(admin, 'POST', '/api/users', {
      username: 'nodept',
      displayName: '无部门',
      role: 'department_scorer',
    });
    expect(without.statusCode).toBe(400);
    expect(without.json().issues[0]).toMatchObject({ path: 'department' });

    const byCoordinator = await call(coordinator, 'POST', '/api/users', {
      username: 'bycoord',
      displayName: '评分员',
      role: 'department_scorer',
      department: 'city-operations-center',
    });
    expect(byCoordinator.statusCode).toBe(403);

    const created = await call(admin, 'POST', '/api/users', {
      username: 'chengyun',
      displayName: '城运评分员',
      role: 'department_scorer',
      department: 'city-operations-center',
    });
    expect(created.statusCode).toBe(200);
    expect(created.json().user).toMatchObject({
      role: 'department_scorer',
      department: 'city-operations-center',
    });
  });
});

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
    expect(audit.entries.filter((e: { action: string }) => e.action === 'item_confirmed')).toEqual([
      expect.objectContaining({
        newValue: { confirmed: 27, department: 'party-mass-office', rule: 'mean' },
      }),
      expect.objectContaining({
        newValue: { confirmed: 27, department: 'party-mass-office', rule: 'lead' },
      }),
    ]);

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

describe('results', () => {
  it('ranks and grades each community type on its own, by the default shares rule', async () => {
    // Distinct totals from bonus and deductions alone, 5, 4.5, 4, … in 0.5 steps down each type
    // (18 导入居 and 9 村改居 demo communities): honour + case for the bonus, then deductions.
    const honourFor: Record<number, { level: string; bodies: number } | undefined> = {
      4: { level: 'national', bodies: 2 },
      3: { level: 'national', bodies: 1 },
      2: { level: 'city', bodies: 1 },
      1: { level: 'district', bodies: 1 },
    };
    const deductionKinds = [
      'secrecy.archives',
      'finance.budget',
      'finance.procurement',
      'finance.fixed-assets',
      'discipline.staff',
      'discipline.staff',
      'discipline.staff',
    ];
    const all = app.repos.communities.list();
    for (const type of ['导入居', '村改居']) {
      for (const [index, community] of all.filter((c) => c.type === type).entries()) {
        const target = 5 - index / 2;
        const base = `/api/assessment/${YEAR}/communities/${community.code}`;
        if (target > 0) {
          const whole = target === 5 ? 4 : Math.floor(target);
          const honour = honourFor[whole];
          const casePoints = target - whole;
          const res = await call(coordinator, 'PUT', `${base}/bonus`, {
            honours: honour ? [{ work: '工作', ...honour }] : [],
            cases: casePoints > 0 ? [{ title: '案例', points: casePoints }] : [],
          });
          expect(res.json().points).toBe(target);
        } else if (target < 0) {
          const deductions = deductionKinds.slice(0, -target * 2).map((kind) => ({ kind }));
          const res = await call(coordinator, 'PUT', `${base}/deductions`, { deductions });
          expect(res.json().points).toBe(-target);
        }
      }
    }
    completeEveryCommunity(app, YEAR, coordinator.userId);
    const results = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`)).json();
    const of = (type: string) =>
      results.communities.filter((c: { type: string }) => c.type === type);
    const daoru = of('导入居');
    const cungai = of('村改居');
    expect(daoru).toHaveLength(18);
    expect(cungai).toHaveLength(9);
    // Each type has its own rank 1, with the +5 bonus community on top.
    expect(daoru[0]).toMatchObject({ rank: 1, total: 5, grade: '优秀', ofType: 18 });
    expect(cungai[0]).toMatchObject({ rank: 1, total: 5, grade: '优秀', ofType: 9 });
    const grades = (rows: { grade: string }[]) => rows.map((r) => r.grade);
    // 18: ⌊5.4⌋ = 5 优秀, up to ⌊14.4⌋ = 14 优秀 or 良好, 4 一般.
    expect(grades(daoru)).toEqual([
      ...Array(5).fill('优秀'),
      ...Array(9).fill('良好'),
      ...Array(4).fill('一般'),
    ]);
    // 9: ⌊2.7⌋ = 2 优秀, up to ⌊7.2⌋ = 7, 2 一般.
    expect(grades(cungai)).toEqual([
      ...Array(2).fill('优秀'),
      ...Array(5).fill('良好'),
      ...Array(2).fill('一般'),
    ]);
    expect(daoru.map((r: { rank: number }) => r.rank)).toEqual(
      Array.from({ length: 18 }, (_, i) => i + 1),
    );
  });

  it('exports one sheet per type whose cells match the results', async () => {
    const scorer = await scorerOf('city-operations-center');
    await call(scorer, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: codes.map((code, i) => entry('mass.hotline.work-orders', code, (i % 11) / 2)),
    });
    await call(scorer, 'POST', `/api/assessment/${YEAR}/items/mass.hotline.work-orders/confirm`);
    await call(coordinator, 'PUT', `/api/assessment/${YEAR}/communities/DEMO05/bonus`, {
      honours: [{ work: '=HYPERLINK("http://x")', level: 'city', bodies: 1 }],
      cases: [{ title: '议事会', points: 0.5 }],
    });
    await call(coordinator, 'PUT', `/api/assessment/${YEAR}/communities/DEMO05/deductions`, {
      deductions: [{ kind: 'finance.budget' }],
    });
    await call(coordinator, 'PUT', `/api/assessment/${YEAR}/communities/DEMO01/satisfaction`, {
      points: 27.35,
      reason: '复核',
    });
    const results = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`)).json();

    const res = await call(coordinator, 'GET', `/api/assessment/${YEAR}/results.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['导入居', '村改居', '说明']);
    const notes = workbook.getWorksheet('说明');
    expect(notes?.getCell(4, 1).value).toBe('问卷覆盖率低于 30%：仅标注，不影响得分和等次');

    for (const sheet of workbook.worksheets.slice(0, 2)) {
      const headers = (sheet.getRow(3).values as unknown[]).slice(1).map(String);
      expect(headers.slice(0, 3)).toEqual(['排名', '居民区编号', '居民区']);
      expect(headers.slice(-9)).toEqual([
        '指标得分',
        '加分',
        '扣分',
        '总分',
        '等次',
        '是否完整',
        '问卷覆盖率',
        '覆盖率提示',
        '访谈人数',
      ]);
      expect(String(sheet.getCell(2, 4).value)).toBe('1. 群众满意度测评（30分）');
      const rows = results.communities.filter((c: { type: string }) => c.type === sheet.name);
      expect(sheet.rowCount).toBe(3 + rows.length);
      rows.forEach(
        (
          c: {
            code: string;
            name: string;
            rank: number;
            items: Record<string, number | null>;
            bonus: { points: number };
            deductions: { points: number };
            total: number;
            grade: string;
            indicatorPoints: number;
          },
          index: number,
        ) => {
          const row = sheet.getRow(4 + index);
          const at = (header: string) => row.getCell(headers.indexOf(header) + 1).value;
          expect(at('居民区编号')).toBe(c.code);
          expect(at('居民区')).toBe(c.name);
          expect(at('12345 热线及信访、舆情工作情况第1项（5分）') ?? null).toBe(
            c.items['mass.hotline.work-orders'],
          );
          expect(at('群众满意度测评（30分）') ?? null).toBe(c.items['mass.satisfaction.overall']);
          expect(at('加分')).toBe(c.bonus.points);
          expect(at('扣分')).toBe(c.deductions.points);
          expect(at('指标得分')).toBe(c.indicatorPoints);
          expect(at('总分')).toBe(c.total);
          // Nothing here is complete, so every grade is 待定 until the lock.
          expect(at('等次')).toBe(c.grade ?? '待定');
          expect(at('排名') ?? null).toBe(c.rank);
          expect(at('覆盖率提示')).toBe('低于30%');
        },
      );
    }
    const demo05 = results.communities.find((c: { code: string }) => c.code === 'DEMO05');
    expect(demo05.bonus.points).toBe(2.5);
    expect(demo05.deductions.points).toBe(0.5);
    const demo01 = results.communities.find((c: { code: string }) => c.code === 'DEMO01');
    expect(demo01.items['mass.satisfaction.overall']).toBe(27.35);
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

describe('audit trail', () => {
  it('shows each change as old → new with who and why', async () => {
    const scorer = await scorerOf('city-operations-center');
    await call(scorer, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: [entry('mass.hotline.work-orders', 'DEMO02', 3, '初评')],
    });
    // Sending the same figure again changes nothing and adds no audit line.
    const same = await call(scorer, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: [entry('mass.hotline.work-orders', 'DEMO02', 3, '初评')],
    });
    expect(same.json()).toEqual({ saved: 1, changed: 0 });
    await call(scorer, 'POST', `/api/assessment/${YEAR}/scores`, {
      entries: [entry('mass.hotline.work-orders', 'DEMO02', 4, '复核后工单下降')],
    });
    await call(coordinator, 'PUT', `/api/assessment/${YEAR}/communities/DEMO02/bonus`, {
      honours: [{ work: '美丽家园', level: 'city', bodies: 1 }],
      cases: [],
      reason: '市级荣誉证书',
    });
    const res = await call(coordinator, 'GET', `/api/assessment/${YEAR}/audit`);
    expect(res.statusCode).toBe(200);
    const entries = res
      .json()
      .entries.filter((e: { communityCode: string }) => e.communityCode === 'DEMO02');
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'bonus_set',
      'item_scored',
      'item_scored',
    ]);
    expect(entries[1]).toMatchObject({
      oldValue: { points: 3, basis: '初评' },
      newValue: { points: 4, basis: '复核后工单下降' },
      reason: '复核后工单下降',
    });
    expect(entries[0]).toMatchObject({
      oldValue: { honours: [], cases: [] },
      newValue: { honours: [{ work: '美丽家园', level: 'city', bodies: 1 }], cases: [] },
      reason: '市级荣誉证书',
    });
    expect(entries[0].actorName).toContain(coordinator.username);
    // Scorers do not read the trail.
    const denied = await call(scorer, 'GET', `/api/assessment/${YEAR}/audit`);
    expect(denied.statusCode).toBe(403);
  });
});

describe('12345 hotline import', () => {
  const url = `/api/assessment/${YEAR}/hotline/import`;
  it('reports every bad line by number and imports nothing, then shows good figures to 城运中心', async () => {
    const bad = await call(coordinator, 'POST', url, {
      csv: [
        '居民区编号,今年工单数,去年工单数,满意率',
        'DEMO01,120,150,96.5%',
        'NOPE99,1,2,90',
        'DEMO02,-3,10,90',
        'DEMO03,10,12,101',
        'DEMO01,5,5,90',
      ].join('\n'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('csv_invalid');
    expect(bad.json().issues.map((i: { path: string }) => i.path)).toEqual([
      '第3行',
      '第4行',
      '第5行',
      '第6行',
    ]);
    expect(bad.json().issues[0].message).toContain('NOPE99');
    expect(bad.json().issues[3].message).toContain('第2行重复');
    const none = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/hotline`)).json();
    expect(none.rows).toEqual([]);

    const good = await call(coordinator, 'POST', url, {
      csv: '\uFEFF居民区编号,今年工单数,去年工单数,满意率\r\nDEMO01,120,150,96.5%\r\nDEMO02,80,60,88\r\n',
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ imported: 2 });
    const scorer = await scorerOf('city-operations-center');
    const scoring = (await call(scorer, 'GET', `/api/assessment/${YEAR}/scoring`)).json();
    expect(scoring.hotline).toEqual([
      expect.objectContaining({
        communityCode: 'DEMO01',
        ordersThisYear: 120,
        ordersLastYear: 150,
        satisfactionRate: 96.5,
      }),
      expect.objectContaining({
        communityCode: 'DEMO02',
        ordersThisYear: 80,
        ordersLastYear: 60,
        satisfactionRate: 88,
      }),
    ]);
    // Another department's scorer does not get them.
    const peace = await scorerOf('peace-office');
    expect((await call(peace, 'GET', `/api/assessment/${YEAR}/scoring`)).json().hotline).toEqual(
      [],
    );
  });
});

describe('12345 hotline import from a file', () => {
  it('takes the figures as an .xlsx, as 城运中心 sends them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('工单');
    sheet.addRow(['居民区编号', '今年工单数', '去年工单数', '满意率']);
    sheet.addRow(['DEMO01', 120, 150, '96.5%']);
    const base64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const res = await call(coordinator, 'POST', `/api/assessment/${YEAR}/hotline/import`, {
      file: { name: '工单.xlsx', base64 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/hotline`)).json().rows;
    expect(rows).toEqual([
      expect.objectContaining({
        communityCode: 'DEMO01',
        ordersThisYear: 120,
        satisfactionRate: 96.5,
      }),
    ]);
  });
});

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

describe('role boundaries', () => {
  it('keeps scorers out of the coordinators’ routes and everyone else out of scoring', async () => {
    const scorer = await scorerOf('city-operations-center');
    const canvasser = await loginAs(app, 'canvasser');
    const coordinatorOnly: [string, string, unknown?][] = [
      ['GET', `/api/assessment/${YEAR}/results`],
      ['GET', `/api/assessment/${YEAR}/results.xlsx`],
      ['GET', `/api/assessment/${YEAR}/audit`],
      ['GET', `/api/assessment/${YEAR}/hotline`],
      ['PUT', `/api/assessment/${YEAR}/communities/DEMO01/bonus`, { honours: [], cases: [] }],
      ['PUT', `/api/assessment/${YEAR}/communities/DEMO01/deductions`, { deductions: [] }],
      [
        'PUT',
        `/api/assessment/${YEAR}/communities/DEMO01/satisfaction`,
        { points: 1, reason: 'x' },
      ],
      ['POST', `/api/assessment/${YEAR}/hotline/import`, { csv: 'x' }],
      ['POST', `/api/assessment/${YEAR}/lock`, { note: 'x' }],
      ['POST', '/api/assessment/years', { year: 2026 }],
    ];
    for (const [method, url, payload] of coordinatorOnly) {
      for (const who of [scorer, canvasser]) {
        const res = await call(who, method, url, payload);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
      }
    }
    const scorerOnly: [string, string, unknown?][] = [
      ['GET', `/api/assessment/${YEAR}/scoring`],
      [
        'POST',
        `/api/assessment/${YEAR}/scores`,
        { entries: [entry('mass.hotline.work-orders', 'DEMO01', 1)] },
      ],
      ['POST', `/api/assessment/${YEAR}/items/mass.hotline.work-orders/confirm`],
    ];
    for (const [method, url, payload] of scorerOnly) {
      for (const who of [coordinator, canvasser]) {
        const res = await call(who, method, url, payload);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
      }
    }
    // A scorer collects nothing.
    const sync = await call(scorer, 'POST', '/api/sync', { items: [] });
    expect(sync.statusCode).toBe(403);
  });

  it('moves a scorer to another department, and clears the department when the role changes', async () => {
    const scorer = await scorerOf('city-operations-center');
    const patched = await call(admin, 'PATCH', `/api/users/${scorer.userId}`, {
      department: 'peace-office',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().user.department).toBe('peace-office');
    const scoring = (await call(scorer, 'GET', `/api/assessment/${YEAR}/scoring`)).json();
    expect(scoring.department.name).toBe('平安办');

    const demoted = await call(admin, 'PATCH', `/api/users/${scorer.userId}`, {
      role: 'interviewer',
    });
    expect(demoted.statusCode, demoted.body).toBe(200);
    expect(demoted.json().user).toMatchObject({ role: 'interviewer', department: null });
    const canvasserWithDepartment = await call(admin, 'PATCH', `/api/users/${scorer.userId}`, {
      department: 'peace-office',
    });
    expect(canvasserWithDepartment.statusCode).toBe(400);
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
