import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  CLIENT_HEADERS,
  createUser,
  failAuditInserts,
  loginAs,
  TEST_PASSWORD,
} from '../../testing.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(options: Parameters<typeof buildTestApp>[0] = {}) {
  const built = await buildTestApp(options);
  cleanups.push(built.cleanup);
  return built.app;
}

function login(app: FastifyInstance, username: string, password: string, headers = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { ...CLIENT_HEADERS, ...headers },
    payload: { username, password },
  });
}

const me = (app: FastifyInstance, cookie: string) =>
  app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

describe('login', () => {
  it('sets an httpOnly, SameSite=Strict session cookie for 14 days and stores only its hash', async () => {
    const app = await setup();
    const { username } = await createUser(app, 'canvasser', ['DEMO01']);
    const res = await login(app, username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username, role: 'canvasser', communities: ['DEMO01'] });
    const cookie = res.cookies.find((c) => c.name === 'jt_session');
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: 14 * 86400,
    });
    expect(cookie?.secure).toBeFalsy();
    const stored = app.db.prepare('SELECT token_hash FROM sessions').pluck().all();
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toBe(cookie?.value);
    expect(stored[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('marks the cookie Secure when a trusted proxy says the request came over https', async () => {
    const app = await setup({ trustProxy: true });
    const { username } = await createUser(app, 'canvasser');
    const res = await login(app, username, TEST_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(res.cookies.find((c) => c.name === 'jt_session')?.secure).toBe(true);
  });

  it('refuses a wrong password and an unknown user alike with 401 invalid_credentials, and audits both', async () => {
    const app = await setup();
    const { username } = await createUser(app, 'coordinator');
    const wrong = await login(app, username, 'not-the-password');
    const unknown = await login(app, 'nobody', 'whatever-password');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toBe('invalid_credentials');
      expect(res.cookies).toHaveLength(0);
    }
    const actions = app.repos.audit.list().map((a) => a.action);
    expect(actions.filter((a) => a === 'login_failed')).toHaveLength(2);
  });

  it('answers 429 rate_limited after 10 attempts for one username from one address, even with the right password', async () => {
    const app = await setup();
    const { username } = await createUser(app, 'canvasser');
    for (let i = 0; i < 10; i += 1) {
      expect((await login(app, username, 'wrong-password')).statusCode).toBe(401);
    }
    const blocked = await login(app, username, TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toBe('rate_limited');
    // Another account from the same address is not locked out by someone guessing this one.
    const other = await createUser(app, 'canvasser');
    expect((await login(app, other.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('blocks an address that fails 50 logins across many usernames', async () => {
    const app = await setup();
    for (let i = 0; i < 50; i += 1) await login(app, `guess${i}`, 'wrong-password');
    const { username } = await createUser(app, 'canvasser');
    expect((await login(app, username, TEST_PASSWORD)).statusCode).toBe(429);
  });
});

describe('per-account lockout', () => {
  const fromAddress = (app: FastifyInstance, ip: string, username: string, password: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: CLIENT_HEADERS,
      remoteAddress: ip,
      payload: { username, password },
    });

  async function hundredFailures(app: FastifyInstance, username: string) {
    // Ten addresses, ten guesses each: none of them reaches a per-address limit.
    for (let a = 1; a <= 10; a += 1) {
      for (let i = 0; i < 10; i += 1) {
        expect(
          (await fromAddress(app, `10.0.0.${a}`, username, `wrong-${a}-${i}`)).statusCode,
        ).toBe(401);
      }
    }
  }

  it('locks an account after 100 failures in an hour from many addresses, across a restart, for an hour', async () => {
    let now = new Date('2025-11-20T08:00:00Z');
    const first = await buildTestApp({ now: () => now });
    const { username } = await createUser(first.app, 'coordinator');
    await hundredFailures(first.app, username);
    const blocked = await fromAddress(first.app, '10.0.1.1', username, TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toBe('rate_limited');
    await first.app.close();

    const restarted = await setup({ dbPath: first.dbPath, now: () => now });
    cleanups.push(async () => rmSync(dirname(first.dbPath), { recursive: true, force: true }));
    expect((await fromAddress(restarted, '10.0.1.2', username, TEST_PASSWORD)).statusCode).toBe(
      429,
    );
    // Another account is untouched.
    const other = await createUser(restarted, 'canvasser');
    expect(
      (await fromAddress(restarted, '10.0.1.2', other.username, TEST_PASSWORD)).statusCode,
    ).toBe(200);
    now = new Date('2025-11-20T09:00:01Z');
    expect((await fromAddress(restarted, '10.0.1.3', username, TEST_PASSWORD)).statusCode).toBe(
      200,
    );
  });

  it('answers a username no account has the same way after 100 failures', async () => {
    const app = await setup();
    await hundredFailures(app, 'nobody-here');
    expect((await fromAddress(app, '10.0.1.1', 'nobody-here', 'another-guess')).statusCode).toBe(
      429,
    );
  });
});

describe('sessions', () => {
  it('cuts a revoked session off at its very next request', async () => {
    const app = await setup();
    const canvasser = await loginAs(app, 'canvasser');
    const coordinator = await loginAs(app, 'coordinator');
    expect((await me(app, canvasser.cookie)).statusCode).toBe(200);

    const list = await app.inject({
      method: 'GET',
      url: '/api/sessions',
      headers: { cookie: coordinator.cookie },
    });
    const session = list
      .json()
      .sessions.find((s: { userId: string }) => s.userId === canvasser.userId);
    expect(session).toBeDefined();
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/sessions/${session.id}`,
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
    });
    expect(revoke.statusCode).toBe(200);

    const after = await me(app, canvasser.cookie);
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toBe('unauthenticated');
    const sync = await app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { ...CLIENT_HEADERS, cookie: canvasser.cookie },
      payload: { items: [{}] },
    });
    expect(sync.statusCode).toBe(401);
    expect(app.repos.audit.list().some((a) => a.action === 'session_revoked')).toBe(true);
  });

  it('ends the device session on logout', async () => {
    const app = await setup();
    const { cookie } = await loginAs(app, 'interviewer');
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...CLIENT_HEADERS, cookie },
    });
    expect(out.statusCode).toBe(200);
    expect((await me(app, cookie)).statusCode).toBe(401);
  });

  it('ends a session 30 days after its sign-in even when it is used every day', async () => {
    let now = new Date('2025-11-01T08:00:00Z');
    const app = await setup({ now: () => now });
    const { cookie } = await loginAs(app, 'canvasser');
    for (let day = 1; day < 30; day += 1) {
      now = new Date(Date.parse('2025-11-01T08:00:00Z') + day * 24 * 3600_000);
      expect((await me(app, cookie)).statusCode, `day ${day}`).toBe(200);
    }
    now = new Date('2025-12-01T08:00:01Z');
    expect((await me(app, cookie)).statusCode).toBe(401);
    // Signing in again starts a new month.
    const { cookie: again } = await loginAs(app, 'canvasser');
    expect((await me(app, again)).statusCode).toBe(200);
  });

  it('keeps a session used within 14 days alive and expires one left unused for 14 days', async () => {
    let now = new Date('2025-11-01T00:00:00Z');
    const app = await setup({ now: () => now });
    const { cookie } = await loginAs(app, 'canvasser');
    now = new Date('2025-11-10T00:00:00Z'); // nine days offline, then back
    expect((await me(app, cookie)).statusCode).toBe(200);
    now = new Date('2025-11-23T00:00:00Z'); // 13 days after its last use
    expect((await me(app, cookie)).statusCode).toBe(200);
    now = new Date('2025-12-08T00:00:00Z'); // 15 days unused
    expect((await me(app, cookie)).statusCode).toBe(401);
  });

  it('cuts every device of a user who is disabled', async () => {
    const app = await setup();
    const admin = await loginAs(app, 'admin');
    const canvasser = await loginAs(app, 'canvasser');
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/users/${canvasser.userId}`,
      headers: { ...CLIENT_HEADERS, cookie: admin.cookie },
      payload: { disabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(app, canvasser.cookie)).statusCode).toBe(401);
    expect((await login(app, canvasser.username, TEST_PASSWORD)).statusCode).toBe(401);
  });
});

describe('one transaction per change, audit row included', () => {
  const activeSessions = (app: FastifyInstance) =>
    app.db.prepare('SELECT count(*) FROM sessions WHERE revoked_at IS NULL').pluck().get();

  it('starts no session when the login cannot be audited', async () => {
    const app = await setup();
    const { username } = await createUser(app, 'canvasser');
    failAuditInserts(app, 'audit', 'login');
    const res = await login(app, username, TEST_PASSWORD);
    expect(res.statusCode).toBe(500);
    expect(activeSessions(app)).toBe(0);
    // No cookie for a session that was never stored (it would sign the device out of nothing
    // and replace a working cookie it may hold).
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('keeps the device signed in when its logout cannot be audited', async () => {
    const app = await setup();
    const { cookie } = await loginAs(app, 'interviewer');
    failAuditInserts(app);
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...CLIENT_HEADERS, cookie },
    });
    expect(out.statusCode).toBe(500);
    expect((await me(app, cookie)).statusCode).toBe(200);
    // The browser keeps its cookie too: the session still stands, so the device must not lose it.
    expect(out.headers['set-cookie']).toBeUndefined();
  });

  it('leaves a session in use when its revocation cannot be audited', async () => {
    const app = await setup();
    const canvasser = await loginAs(app, 'canvasser');
    const coordinator = await loginAs(app, 'coordinator');
    const sessionId = app.db
      .prepare('SELECT id FROM sessions WHERE user_id = ?')
      .pluck()
      .get(canvasser.userId) as string;
    failAuditInserts(app);
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/sessions/${sessionId}`,
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
    });
    expect(revoke.statusCode).toBe(500);
    expect((await me(app, canvasser.cookie)).statusCode).toBe(200);
  });
});
