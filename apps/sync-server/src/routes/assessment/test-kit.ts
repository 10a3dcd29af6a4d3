import { ITEMS, itemLeadDepartments } from '@jiuting/scorecard';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect } from 'vitest';
import { SESSION_COOKIE } from '../../plugins/auth.ts';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs } from '../../testing.ts';

// The assessment's route tests share one setting: an app whose coordinator has created YEAR,
// reached through the live bindings below (set afresh before each test by useAssessmentApp),
// and shortcuts for tests that need a year past the point they are not about.

export let app: FastifyInstance;
export let admin: LoggedIn;
export let coordinator: LoggedIn;
export let codes: string[];

export const YEAR = 2025;
export const ADMIN_PASSWORD = 'admin-password-123';
export const SCORER_PASSWORD = 'scorer-password-123';

/** Before each test of the calling file: a fresh app, its admin, a coordinator, YEAR created. */
export function useAssessmentApp(): void {
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ app, cleanup } = await buildTestApp());
    admin = await signIn('admin', ADMIN_PASSWORD);
    coordinator = await loginAs(app, 'coordinator');
    codes = app.repos.communities.list().map((c) => c.code);
    const res = await call(coordinator, 'POST', '/api/assessment/years', { year: YEAR });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterEach(async () => cleanup());
}

export function call(who: LoggedIn | null, method: string, url: string, payload?: unknown) {
  return app.inject({
    method: method as 'GET',
    url,
    headers: { ...CLIENT_HEADERS, ...(who ? { cookie: who.cookie } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

export async function signIn(username: string, password: string): Promise<LoggedIn> {
  const res = await call(null, 'POST', '/api/auth/login', { username, password });
  expect(res.statusCode).toBe(200);
  const token = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  return { cookie: `${SESSION_COOKIE}=${token}`, userId: res.json().user.id, username };
}

/** An admin creates the account through the users route, as the town would. */
export async function scorerOf(
  department: string,
  username = `s-${department}`,
): Promise<LoggedIn> {
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

export const entry = (
  itemId: string,
  communityCode: string,
  points: number,
  basis = '台账齐全',
) => ({
  itemId,
  communityCode,
  points,
  basis,
});

/**
 * Makes every community complete without changing a total: each department item confirmed at 0
 * and the satisfaction points set to 0 by override. Straight into the tables, since the tests
 * that use it are about ranking, not about scoring.
 */
export function completeEveryCommunity(app: FastifyInstance, year: number, by: string): void {
  const repo = app.repos.assessment;
  const at = '2025-12-01T00:00:00.000Z';
  for (const community of app.repos.communities.list()) {
    for (const item of ITEMS.filter((i) => i.scoredBy === 'departments')) {
      const lead = itemLeadDepartments(item)[0];
      if (!lead) continue;
      repo.putConfirmed(year, {
        communityCode: community.code,
        itemId: item.id,
        points: 0,
        basis: '测试',
        department: lead,
        rule: 'lead',
        by,
        at,
      });
    }
    if (repo.getAdjustments(year, community.code).satisfactionOverride) continue;
    repo.setSatisfactionOverride(year, community.code, { points: 0, reason: '测试', by, at }, at);
  }
}

/** Locks the year accepting whatever is still incomplete, each with a reason. */
export async function lockAcceptingAll(
  app: FastifyInstance,
  who: LoggedIn,
  year: number,
  note: string,
) {
  const headers = { ...CLIENT_HEADERS, cookie: who.cookie };
  const check = await app.inject({
    method: 'GET',
    url: `/api/assessment/${year}/lock-check`,
    headers,
  });
  const issues = (check.json().issues ?? []) as { key: string }[];
  return app.inject({
    method: 'POST',
    url: `/api/assessment/${year}/lock`,
    headers,
    payload: { note, accepted: issues.map((i) => ({ key: i.key, reason: '测试中接受' })) },
  });
}
