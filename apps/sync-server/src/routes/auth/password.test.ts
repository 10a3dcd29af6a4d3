import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  CLIENT_HEADERS,
  failAuditInserts,
  type LoggedIn,
  loginAs,
  TEST_PASSWORD,
} from '../../testing.ts';

const NEW_PASSWORD = 'lantern-river-okra-37';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup() {
  const built = await buildTestApp();
  cleanups.push(built.cleanup);
  return built.app;
}

const login = (app: FastifyInstance, username: string, password: string, remoteAddress?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: CLIENT_HEADERS,
    ...(remoteAddress ? { remoteAddress } : {}),
    payload: { username, password },
  });

const me = (app: FastifyInstance, cookie: string) =>
  app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

const changePassword = (
  app: FastifyInstance,
  who: LoggedIn,
  currentPassword: string,
  newPassword: string,
) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: { ...CLIENT_HEADERS, cookie: who.cookie },
    payload: { currentPassword, newPassword },
  });

/** A second device of the same person: a login with the same credentials. */
async function secondDevice(app: FastifyInstance, who: LoggedIn): Promise<string> {
  const res = await login(app, who.username, TEST_PASSWORD);
  const token = res.cookies.find((c) => c.name === 'jt_session')?.value;
  return `jt_session=${token}`;
}

const newCookieOf = (res: { cookies: { name: string; value: string }[] }) => {
  const token = res.cookies.find((c) => c.name === 'jt_session')?.value;
  return token ? `jt_session=${token}` : undefined;
};

describe('POST /api/auth/password', () => {
  it('signs out every other device, keeps this one signed in, and makes only the new password work', async () => {
    const app = await setup();
    const canvasser = await loginAs(app, 'canvasser');
    const otherPhone = await secondDevice(app, canvasser);

    const res = await changePassword(app, canvasser, TEST_PASSWORD, NEW_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ otherSessionsEnded: 1 });

    expect((await me(app, otherPhone)).statusCode).toBe(401);
    // The old session is ended too; this device goes on under the cookie the answer set.
    expect((await me(app, canvasser.cookie)).statusCode).toBe(401);
    const here = newCookieOf(res);
    expect(here).toBeDefined();
    expect((await me(app, here as string)).statusCode).toBe(200);

    expect((await login(app, canvasser.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(app, canvasser.username, NEW_PASSWORD)).statusCode).toBe(200);
    const row = app.repos.audit.list().find((a) => a.action === 'password_changed');
    expect(row).toMatchObject({ actorUserId: canvasser.userId, target: canvasser.userId });
    expect(JSON.stringify(row)).not.toContain(NEW_PASSWORD);
  });

  it('is open to every role, a department scorer included', async () => {
    const app = await setup();
    const scorer = await loginAs(app, 'department_scorer');
    const res = await changePassword(app, scorer, TEST_PASSWORD, NEW_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect((await login(app, scorer.username, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a wrong current password on its field, counts it as a failed login, and changes nothing', async () => {
    const app = await setup();
    const coordinator = await loginAs(app, 'coordinator');
    const res = await changePassword(app, coordinator, 'not-my-password', NEW_PASSWORD);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'validation_failed',
      issues: [{ path: 'currentPassword', message: '当前密码不正确' }],
    });
    expect(res.cookies).toHaveLength(0);
    expect((await me(app, coordinator.cookie)).statusCode).toBe(200);
    expect((await login(app, coordinator.username, TEST_PASSWORD)).statusCode).toBe(200);
    const failed = app.repos.audit.list().filter((a) => a.action === 'login_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.actorUserId).toBe(coordinator.userId);
    expect(JSON.stringify(failed[0])).not.toContain('not-my-password');
  });

  it('counts wrong current passwords toward the account lockout, which then refuses the right one too', async () => {
    const app = await setup();
    const canvasser = await loginAs(app, 'canvasser');
    expect((await changePassword(app, canvasser, 'guess-0', NEW_PASSWORD)).statusCode).toBe(400);
    // 99 more failures from ten addresses (none reaches its own limit): 100 in the hour.
    for (let i = 0; i < 99; i += 1) {
      const res = await login(app, canvasser.username, `wrong-${i}`, `10.0.0.${i % 10}`);
      expect(res.statusCode).toBe(401);
    }
    expect((await login(app, canvasser.username, TEST_PASSWORD, '10.0.1.1')).statusCode).toBe(429);
    const blocked = await changePassword(app, canvasser, TEST_PASSWORD, NEW_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toBe('rate_limited');
  });

  it('answers 429 after ten attempts of one account in a quarter-hour, even with the right password', async () => {
    const app = await setup();
    const interviewer = await loginAs(app, 'interviewer');
    for (let i = 0; i < 10; i += 1) {
      expect((await changePassword(app, interviewer, `guess-${i}`, NEW_PASSWORD)).statusCode).toBe(
        400,
      );
    }
    const res = await changePassword(app, interviewer, TEST_PASSWORD, NEW_PASSWORD);
    expect(res.statusCode).toBe(429);
    expect((await login(app, interviewer.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a weak new password, or the current one again, on the new password field and changes nothing', async () => {
    const app = await setup();
    const canvasser = await loginAs(app, 'canvasser');
    for (const weak of ['1234567890', 'password12', canvasser.username, TEST_PASSWORD]) {
      const res = await changePassword(app, canvasser, TEST_PASSWORD, weak);
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().issues).toEqual([
        { path: 'newPassword', message: expect.stringMatching(/[\u4e00-\u9fff]/) },
      ]);
    }
    const short = await changePassword(app, canvasser, TEST_PASSWORD, 'short');
    expect(short.json().issues).toEqual([{ path: 'newPassword', message: '新密码至少 10 位' }]);
    expect((await me(app, canvasser.cookie)).statusCode).toBe(200);
    expect((await login(app, canvasser.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect(app.repos.audit.list().some((a) => a.action === 'login_failed')).toBe(false);
  });

  it('refuses anyone not signed in', async () => {
    const app = await setup();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: CLIENT_HEADERS,
      payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(res.statusCode).toBe(401);
  });

  it('changes nothing, and keeps this device’s cookie, when the change cannot be audited', async () => {
    const app = await setup();
    const canvasser = await loginAs(app, 'canvasser');
    const otherPhone = await secondDevice(app, canvasser);
    failAuditInserts(app, 'audit', 'password_changed');
    const res = await changePassword(app, canvasser, TEST_PASSWORD, NEW_PASSWORD);
    expect(res.statusCode).toBe(500);
    // No Set-Cookie for a session that was rolled back: the browser keeps the one it has.
    expect(newCookieOf(res)).toBeUndefined();
    expect((await me(app, canvasser.cookie)).statusCode).toBe(200);
    expect((await me(app, otherPhone)).statusCode).toBe(200);
    expect((await login(app, canvasser.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await login(app, canvasser.username, NEW_PASSWORD)).statusCode).toBe(401);
  });
});
