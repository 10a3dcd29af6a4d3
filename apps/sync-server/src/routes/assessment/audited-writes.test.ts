import { DEFAULT_YEAR_SETTINGS } from '@jiuting/scorecard';
import { expect, it } from 'vitest';
import { failAuditInserts, type LoggedIn } from '../../testing.ts';
import {
  app,
  call,
  codes,
  coordinator,
  entry,
  lockAcceptingAll,
  scorerOf,
  useAssessmentApp,
  YEAR,
} from './test-kit.ts';

// A year created by a coordinator before each test (see useAssessmentApp).
useAssessmentApp();

// Every write on the assessment goes through the service's audited change: when its audit row
// cannot be written, the write is not made either, whichever route it came through.

/** What a coordinator and a scorer can read of the year: any write would show here. */
async function everything(scorer: LoggedIn) {
  const read = async (who: LoggedIn, path: string) =>
    (await call(who, 'GET', `/api/assessment/${path}`)).json();
  return {
    years: await read(coordinator, 'years'),
    results: await read(coordinator, `${YEAR}/results`),
    audit: await read(coordinator, `${YEAR}/audit`),
    hotline: await read(coordinator, `${YEAR}/hotline`),
    proposals: await read(coordinator, `${YEAR}/proposals`),
    scoring: await read(scorer, `${YEAR}/scoring`),
  };
}

it('leaves the year as it was when a write’s audit row cannot be recorded, on every write route', async () => {
  const scorer = await scorerOf('city-operations-center');
  const proposer = await scorerOf('armed-forces');
  // A confirmed item, so that a later entry would drop the confirmation (a second audit row).
  const scores = await call(scorer, 'POST', `/api/assessment/${YEAR}/scores`, {
    entries: codes.map((code) => entry('mass.hotline.work-orders', code, 4)),
  });
  expect(scores.statusCode, scores.body).toBe(200);
  const confirmed = await call(
    scorer,
    'POST',
    `/api/assessment/${YEAR}/items/mass.hotline.work-orders/confirm`,
  );
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  const proposed = await call(proposer, 'POST', `/api/assessment/${YEAR}/proposals`, {
    kind: 'honour',
    communityCode: 'DEMO01',
    honour: { work: '双拥模范', level: 'city', bodies: 1 },
    evidence: '市双拥办表彰文件',
  });
  expect(proposed.statusCode, proposed.body).toBe(200);
  const before = await everything(scorer);

  failAuditInserts(app, 'assessment_audit');
  const community = `/api/assessment/${YEAR}/communities/DEMO01`;
  const writes: [LoggedIn, string, string, unknown?][] = [
    [coordinator, 'POST', '/api/assessment/years', { year: YEAR + 1 }],
    [
      scorer,
      'POST',
      `/api/assessment/${YEAR}/scores`,
      { entries: [entry('mass.hotline.work-orders', 'DEMO01', 2)] },
    ],
    [scorer, 'POST', `/api/assessment/${YEAR}/items/mass.hotline.work-orders/confirm`],
    [
      coordinator,
      'PUT',
      `${community}/bonus`,
      { honours: [], cases: [{ title: '楼道自治', points: 1 }] },
    ],
    [coordinator, 'PUT', `${community}/deductions`, { deductions: [{ kind: 'finance.budget' }] }],
    [coordinator, 'PUT', `${community}/satisfaction`, { points: 20, reason: '复核' }],
    [
      coordinator,
      'POST',
      `/api/assessment/${YEAR}/hotline/import`,
      { csv: '居民区编号,今年工单数,去年工单数,满意率\nDEMO01,1,2,90\n' },
    ],
    [
      coordinator,
      'PUT',
      `/api/assessment/${YEAR}/grade-rule`,
      { rule: { kind: 'shares', excellentPercent: 20, goodPercent: 50 }, reason: '会议决定' },
    ],
    [
      coordinator,
      'PUT',
      `/api/assessment/${YEAR}/settings`,
      { settings: { ...DEFAULT_YEAR_SETTINGS, interviewShare: 0.2 }, reason: '会议决定' },
    ],
    [
      proposer,
      'POST',
      `/api/assessment/${YEAR}/proposals`,
      {
        kind: 'honour',
        communityCode: 'DEMO02',
        honour: { work: '双拥模范', level: 'city', bodies: 1 },
        evidence: '市双拥办表彰文件',
      },
    ],
    [
      coordinator,
      'POST',
      `/api/assessment/${YEAR}/proposals/${proposed.json().id}/decision`,
      { accept: true, reason: '材料齐全' },
    ],
  ];
  for (const [who, method, url, payload] of writes) {
    const res = await call(who, method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(500);
  }
  expect((await lockAcceptingAll(app, coordinator, YEAR, '定案')).statusCode).toBe(500);
  expect(await everything(scorer)).toEqual(before);
});
