import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../plugins/auth.ts';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs } from '../../testing.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let admin: LoggedIn;
let coordinator: LoggedIn;
const YEAR = 2025;

function call(who: LoggedIn | null, method: string, url: string, payload?: unknown) {
  return app.inject({
    method: method as 'GET',
    url,
    headers: { ...CLIENT_HEADERS, ...(who ? { cookie: who.cookie } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function scorerOf(department: string): Promise<LoggedIn> {
  const username = `s-${department}`;
  const made = await call(admin, 'POST', '/api/users', {
    username,
    displayName: `${department} 评分员`,
    role: 'department_scorer',
    department,
    password: 'scorer-password-123',
  });
  expect(made.statusCode, made.body).toBe(200);
  const res = await call(null, 'POST', '/api/auth/login', {
    username,
    password: 'scorer-password-123',
  });
  const token = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  return { cookie: `${SESSION_COOKIE}=${token}`, userId: res.json().user.id, username };
}

const demo01 = async () =>
  (await call(coordinator, 'GET', `/api/assessment/${YEAR}/results`))
    .json()
    .communities.find((c: { code: string }) => c.code === 'DEMO01');

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  const res = await call(null, 'POST', '/api/auth/login', {
    username: 'admin',
    password: 'admin-password-123',
  });
  admin = {
    cookie: `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)?.value}`,
    userId: res.json().user.id,
    username: 'admin',
  };
  coordinator = await loginAs(app, 'coordinator');
  await call(coordinator, 'POST', '/api/assessment/years', { year: YEAR });
});
afterEach(async () => cleanup());

describe('departments’ proposals of bonus and deductions', () => {
  it('lets the named department propose with evidence, and a coordinator accept it into the community’s deductions, audited', async () => {
    const finance = await scorerOf('finance-office');
    const proposed = await call(finance, 'POST', `/api/assessment/${YEAR}/proposals`, {
      kind: 'deduction',
      communityCode: 'DEMO01',
      deduction: { kind: 'finance.budget', note: '预算执行与编制不符' },
      evidence: '九亭镇财政所 2025 年第 3 号检查通报',
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const { id } = proposed.json();
    // Proposed is not counted yet.
    expect((await demo01()).deductions.points).toBe(0);

    const noReason = await call(
      coordinator,
      'POST',
      `/api/assessment/${YEAR}/proposals/${id}/decision`,
      { accept: true, reason: ' ' },
    );
    expect(noReason.statusCode).toBe(400);
    const accept = await call(
      coordinator,
      'POST',
      `/api/assessment/${YEAR}/proposals/${id}/decision`,
      { accept: true, reason: '通报属实' },
    );
    expect(accept.statusCode, accept.body).toBe(200);
    expect((await demo01()).deductions.points).toBe(0.5);
    const again = await call(
      coordinator,
      'POST',
      `/api/assessment/${YEAR}/proposals/${id}/decision`,
      { accept: false, reason: '改主意' },
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('proposal_decided');

    const mine = (await call(finance, 'GET', `/api/assessment/${YEAR}/proposals`)).json();
    expect(mine.proposals).toEqual([
      expect.objectContaining({ id, state: 'accepted', decisionReason: '通报属实' }),
    ]);
    const audit = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/audit`)).json();
    expect(audit.entries.slice(0, 3).map((e: { action: string }) => e.action)).toEqual([
      'proposal_accepted',
      'deductions_set',
      'adjustment_proposed',
    ]);
    expect(audit.entries[2]).toMatchObject({
      reason: '九亭镇财政所 2025 年第 3 号检查通报',
      actorName: 'finance-office 评分员（s-finance-office）',
    });
  });

  it('refuses a deduction from a department the plan does not name, and records a refusal with its reason', async () => {
    const armed = await scorerOf('armed-forces');
    const wrong = await call(armed, 'POST', `/api/assessment/${YEAR}/proposals`, {
      kind: 'deduction',
      communityCode: 'DEMO01',
      deduction: { kind: 'finance.budget' },
      evidence: '听说',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({
      error: 'proposal_not_department',
      message: '该类扣分由财政所提出，武装不能提出',
    });

    const honour = await call(armed, 'POST', `/api/assessment/${YEAR}/proposals`, {
      kind: 'honour',
      communityCode: 'DEMO01',
      honour: { work: '双拥模范', level: 'city', bodies: 1 },
      evidence: '市双拥办表彰文件',
    });
    expect(honour.statusCode, honour.body).toBe(200);
    const refuse = await call(
      coordinator,
      'POST',
      `/api/assessment/${YEAR}/proposals/${honour.json().id}/decision`,
      { accept: false, reason: '表彰对象为街道，不是该居民区' },
    );
    expect(refuse.json()).toEqual({ state: 'refused' });
    expect((await demo01()).bonus.points).toBe(0);
    const audit = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/audit`)).json();
    expect(audit.entries[0]).toMatchObject({
      action: 'proposal_refused',
      reason: '表彰对象为街道，不是该居民区',
    });
    // A coordinator cannot propose; a scorer cannot decide.
    expect(
      (
        await call(coordinator, 'POST', `/api/assessment/${YEAR}/proposals`, {
          kind: 'case',
          communityCode: 'DEMO01',
          case: { title: '议事会', points: 0.5 },
          evidence: '镇评审',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(armed, 'POST', `/api/assessment/${YEAR}/proposals/1/decision`, {
          accept: true,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });
});
