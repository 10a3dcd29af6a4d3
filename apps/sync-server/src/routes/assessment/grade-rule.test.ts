import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs } from '../../testing.ts';
import { completeEveryCommunity, lockAcceptingAll } from './test-kit.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;

const YEAR = 2025;
const RULE_URL = `/api/assessment/${YEAR}/grade-rule`;

function call(who: LoggedIn, method: string, url: string, payload?: unknown) {
  return app.inject({
    method: method as 'GET',
    url,
    headers: { ...CLIENT_HEADERS, cookie: who.cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** Gives the first `count` 村改居 communities a bonus of 5, 4, 3 … so their totals differ. */
async function spreadTotals(count: number): Promise<void> {
  const levels = ['national', 'city', 'district'] as const;
  const cungai = app.repos.communities.list().filter((c) => c.type === '村改居');
  for (const [index, community] of cungai.slice(0, count).entries()) {
    const level = levels[index];
    if (!level) break;
    const res = await call(
      coordinator,
      'PUT',
      `/api/assessment/${YEAR}/communities/${community.code}/bonus`,
      { honours: [{ work: '工作', level, bodies: 1 }], cases: [] },
    );
    expect(res.statusCode, res.body).toBe(200);
  }
}

async function gradesOf(type: string): Promise<string[]> {
  const results = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`)).json();
  return results.communities
    .filter((c: { type: string }) => c.type === type)
    .map((c: { grade: string }) => c.grade);
}

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  coordinator = await loginAs(app, 'coordinator');
  const res = await call(coordinator, 'POST', '/api/assessment/years', { year: YEAR });
  expect(res.statusCode, res.body).toBe(200);
});
afterEach(async () => cleanup());

describe('the year’s grading rule', () => {
  it('starts as the default shares rule and, once set to score lines, grades by them', async () => {
    await spreadTotals(3); // 村改居 totals 3, 2, 1, then 0 for the other six
    completeEveryCommunity(app, YEAR, coordinator.userId);
    const year = (await call(coordinator, 'GET', `/api/assessment/${YEAR}`)).json().year;
    expect(year.gradeRule).toEqual({ kind: 'shares', excellentPercent: 30, goodPercent: 50 });

    const set = await call(coordinator, 'PUT', RULE_URL, {
      rule: { kind: 'thresholds', excellentFrom: 2, goodFrom: 1 },
      reason: '镇党委会议确定按分数线评定',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().year.gradeRule).toMatchObject({ kind: 'thresholds', excellentFrom: 2 });
    expect(await gradesOf('村改居')).toEqual(['优秀', '优秀', '良好', ...Array(6).fill('一般')]);
  });

  it('is written to the audit trail as old → new with the reason', async () => {
    await call(coordinator, 'PUT', RULE_URL, {
      rule: { kind: 'shares', excellentPercent: 20, goodPercent: 50 },
      reason: '优秀比例改为 20%',
    });
    const audit = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/audit`)).json();
    const entry = audit.entries.find((e: { action: string }) => e.action === 'grade_rule_set');
    expect(entry).toMatchObject({
      reason: '优秀比例改为 20%',
      oldValue: { kind: 'shares', excellentPercent: 30, goodPercent: 50 },
      newValue: { kind: 'shares', excellentPercent: 20, goodPercent: 50 },
    });
  });

  it('refuses an impossible rule or a missing reason in Chinese, and keeps the old rule', async () => {
    const overfull = await call(coordinator, 'PUT', RULE_URL, {
      rule: { kind: 'shares', excellentPercent: 70, goodPercent: 50 },
      reason: '试一下',
    });
    expect(overfull.statusCode).toBe(400);
    expect(overfull.json().message).toMatch(/[\u4e00-\u9fff]/);
    const noReason = await call(coordinator, 'PUT', RULE_URL, {
      rule: { kind: 'thresholds', excellentFrom: 90, goodFrom: 80 },
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().issues[0]).toMatchObject({ path: 'reason' });
    const year = (await call(coordinator, 'GET', `/api/assessment/${YEAR}`)).json().year;
    expect(year.gradeRule.kind).toBe('shares');
  });

  it('cannot change once the year is locked, and a canvasser cannot change it at all', async () => {
    const canvasser = await loginAs(app, 'canvasser');
    const rule = { kind: 'thresholds', excellentFrom: 90, goodFrom: 80 };
    expect((await call(canvasser, 'PUT', RULE_URL, { rule, reason: '无权' })).statusCode).toBe(403);
    await lockAcceptingAll(app, coordinator, YEAR, '镇党委已研究决定');
    const late = await call(coordinator, 'PUT', RULE_URL, { rule, reason: '锁定后修改' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toBe('assessment_locked');
  });
});
