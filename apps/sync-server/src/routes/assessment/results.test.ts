import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import {
  app,
  call,
  codes,
  completeEveryCommunity,
  coordinator,
  entry,
  scorerOf,
  useAssessmentApp,
  YEAR,
} from './test-kit.ts';

// A year created by a coordinator before each test (see useAssessmentApp).
useAssessmentApp();

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
