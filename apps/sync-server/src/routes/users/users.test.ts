import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.ts';
import {
  buildTestApp,
  CLIENT_HEADERS,
  failAuditInserts,
  type LoggedIn,
  loginAs,
  TEST_SCRYPT_COST,
  tempDbPath,
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

function call(
  app: FastifyInstance,
  who: LoggedIn,
  method: 'POST' | 'PATCH',
  url: string,
  payload: object,
) {
  return app.inject({ method, url, headers: { ...CLIENT_HEADERS, cookie: who.cookie }, payload });
}

const WEAK = ['1234567890', 'password12', 'qwertyuiop'];

describe('passwords set for staff', () => {
  it.each(WEAK)(
    'refuses %s for a new account with a Chinese message on the password field, and creates nothing',
    async (password) => {
      const app = await setup();
      const admin = await loginAs(app, 'admin');
      const res = await call(app, admin, 'POST', '/api/users', {
        username: 'li.si',
        displayName: '李四',
        role: 'canvasser',
        password,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('validation_failed');
      expect(res.json().issues).toEqual([
        { path: 'password', message: expect.stringMatching(/密码/) },
      ]);
      expect(app.repos.users.findCredentials('li.si')).toBeUndefined();
    },
  );

  it('refuses a weak new password for an existing account and keeps its sessions', async () => {
    const app = await setup();
    const admin = await loginAs(app, 'admin');
    const canvasser = await loginAs(app, 'canvasser');
    const res = await call(app, admin, 'PATCH', `/api/users/${canvasser.userId}`, {
      password: `${canvasser.username}1`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('password');
    const me = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: canvasser.cookie },
    });
    expect(me.statusCode).toBe(200);
  });

  it('accepts a hard-to-guess password, and a generated one when none is given', async () => {
    const app = await setup();
    const admin = await loginAs(app, 'admin');
    const chosen = await call(app, admin, 'POST', '/api/users', {
      username: 'wang.wu',
      displayName: '王五',
      role: 'canvasser',
      password: '绿色楼道-每周三-扫一次',
    });
    expect(chosen.statusCode).toBe(200);
    const generated = await call(app, admin, 'POST', '/api/users', {
      username: 'zhao.liu',
      displayName: '赵六',
      role: 'interviewer',
    });
    expect(generated.statusCode).toBe(200);
    expect(generated.json().password).toHaveLength(18);
  });
});

describe('one transaction per change, audit row included', () => {
  it('keeps the old password and every device signed in when the change cannot be audited', async () => {
    const app = await setup();
    const admin = await loginAs(app, 'admin');
    const canvasser = await loginAs(app, 'canvasser');
    const hashBefore = app.repos.users.findCredentials(canvasser.username)?.passwordHash;
    failAuditInserts(app);
    const res = await call(app, admin, 'PATCH', `/api/users/${canvasser.userId}`, {
      password: '绿色楼道-每周三-扫一次',
    });
    expect(res.statusCode).toBe(500);
    expect(app.repos.users.findCredentials(canvasser.username)?.passwordHash).toBe(hashBefore);
    const me = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: canvasser.cookie },
    });
    expect(me.statusCode).toBe(200);
  });

  it('creates no account when its creation cannot be audited', async () => {
    const app = await setup();
    const admin = await loginAs(app, 'admin');
    failAuditInserts(app);
    const res = await call(app, admin, 'POST', '/api/users', {
      username: 'wang.wu',
      displayName: '王五',
      role: 'canvasser',
    });
    expect(res.statusCode).toBe(500);
    expect(app.repos.users.findByUsername('wang.wu')).toBeUndefined();
  });

  it('checks permission on the account as it stands after the password is hashed, not before', async () => {
    const app = await setup();
    const coordinator = await loginAs(app, 'coordinator');
    const canvasser = await loginAs(app, 'canvasser');
    const hashBefore = app.repos.users.findCredentials(canvasser.username)?.passwordHash;
    // Another admin makes the canvasser a coordinator while this request hashes: the first read
    // of the account still sees a canvasser, every later read a coordinator.
    const findById = app.repos.users.findById.bind(app.repos.users);
    let reads = 0;
    vi.spyOn(app.repos.users, 'findById').mockImplementation((id: string) => {
      const found = findById(id);
      if (id === canvasser.userId && ++reads === 1) {
        app.db.prepare("UPDATE users SET role = 'coordinator' WHERE id = ?").run(id);
      }
      return found;
    });
    const res = await call(app, coordinator, 'PATCH', `/api/users/${canvasser.userId}`, {
      password: '绿色楼道-每周三-扫一次',
    });
    expect(res.statusCode).toBe(403);
    expect(app.repos.users.findCredentials(canvasser.username)?.passwordHash).toBe(hashBefore);
  });
});

describe('the first admin', () => {
  it('refuses to start with a weak ADMIN_PASSWORD', async () => {
    const { dir, dbPath } = tempDbPath();
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    await expect(
      buildApp({ dbPath, adminPassword: 'password12', scryptCost: TEST_SCRYPT_COST }),
    ).rejects.toThrow(/ADMIN_PASSWORD/);
  });
});
