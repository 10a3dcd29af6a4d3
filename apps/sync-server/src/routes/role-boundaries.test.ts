import { randomUUID } from 'node:crypto';
import { sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../security/passwords.ts';
import {
  buildTestApp,
  CLIENT_HEADERS,
  type LoggedIn,
  loginAs,
  TEST_PASSWORD,
  TEST_SCRYPT_COST,
} from '../testing.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let admin: LoggedIn;
let coordinator: LoggedIn;
let canvasser: LoggedIn;
let interviewer: LoggedIn;

beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp());
  admin = await loginAs(app, 'admin');
  coordinator = await loginAs(app, 'coordinator');
  canvasser = await loginAs(app, 'canvasser', ['DEMO01']);
  interviewer = await loginAs(app, 'interviewer', ['DEMO02']);
});
afterAll(async () => cleanup());

function call(who: LoggedIn | null, method: string, url: string, payload?: unknown) {
  return app.inject({
    method: method as 'GET',
    url,
    headers: { ...CLIENT_HEADERS, ...(who ? { cookie: who.cookie } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const STAFF_ONLY: [string, string, unknown?][] = [
  ['GET', '/api/users'],
  ['POST', '/api/users', { username: 'x1', displayName: 'x', role: 'canvasser' }],
  ['PATCH', '/api/users/anyone', { displayName: 'x' }],
  ['GET', '/api/sessions'],
  ['DELETE', '/api/sessions/anything'],
  ['POST', '/api/communities/import', { csv: 'code,name,type,totalHouseholds,liaisonLeader\n' }],
  ['PATCH', '/api/communities/DEMO01', { totalHouseholds: 1 }],
  ['POST', '/api/communities/DEMO01/qr-token'],
  ['GET', '/api/retention'],
  ['POST', '/api/retention/apply'],
  [
    'POST',
    '/api/outbox-import',
    { format: 'jiuting-outbox', version: 1, exportedAt: '', exportedBy: 'x', items: [{}] },
  ],
];

describe('field staff (canvasser, interviewer)', () => {
  for (const [method, url, payload] of STAFF_ONLY) {
    it(`get 403 forbidden for ${method} ${url}`, async () => {
      for (const who of [canvasser, interviewer]) {
        const res = await call(who, method, url, payload);
        expect(res.statusCode).toBe(403);
        expect(res.json().error).toBe('forbidden');
      }
    });
  }

  it('cannot store anything for a community they are not assigned to', async () => {
    const res = await call(canvasser, 'POST', '/api/sync', {
      items: [sampleSurvey({ communityCode: 'DEMO02' })],
    });
    expect(res.json().results[0]).toMatchObject({
      status: 'rejected',
      error: { error: 'community_not_assigned' },
    });
  });

  it('see only their own communities, without QR tokens, and only their own coverage', async () => {
    const communities = (await call(canvasser, 'GET', '/api/communities')).json().communities;
    expect(communities.map((c: { code: string }) => c.code)).toEqual(['DEMO01']);
    expect(communities[0].qrToken).toBeUndefined();
    await call(coordinator, 'POST', '/api/sync', {
      items: [sampleSurvey({ communityCode: 'DEMO05' })],
    });
    const coverage = (await call(interviewer, 'GET', '/api/coverage')).json();
    expect(coverage.communities.map((c: { code: string }) => c.code)).toEqual(['DEMO02']);
    expect(
      coverage.collectors.every((c: { userId: string }) => c.userId === interviewer.userId),
    ).toBe(true);
  });
});

describe('coordinator', () => {
  it('cannot create an admin or another coordinator', async () => {
    for (const role of ['admin', 'coordinator']) {
      const res = await call(coordinator, 'POST', '/api/users', {
        username: `new-${role}`,
        displayName: '新人',
        role,
      });
      expect(res.statusCode).toBe(403);
    }
  });

  it('cannot change an admin, promote a canvasser, or see admins in the user list', async () => {
    expect(
      (await call(coordinator, 'PATCH', `/api/users/${admin.userId}`, { displayName: 'x' }))
        .statusCode,
    ).toBe(403);
    const promote = await call(coordinator, 'PATCH', `/api/users/${canvasser.userId}`, {
      role: 'coordinator',
    });
    expect(promote.statusCode).toBe(403);
    const users = (await call(coordinator, 'GET', '/api/users')).json().users;
    expect(
      users.every((u: { role: string }) => u.role === 'canvasser' || u.role === 'interviewer'),
    ).toBe(true);
  });

  it("cannot revoke an admin's session", async () => {
    const adminSession = app.db
      .prepare('SELECT id FROM sessions WHERE user_id = ?')
      .pluck()
      .get(admin.userId) as string;
    const res = await call(coordinator, 'DELETE', `/api/sessions/${adminSession}`);
    expect(res.statusCode).toBe(403);
  });

  it('manages field staff: creates a canvasser for two communities and gets a one-time password', async () => {
    const res = await call(coordinator, 'POST', '/api/users', {
      username: 'zhang.san',
      displayName: '张三',
      role: 'canvasser',
      communities: ['DEMO03', 'DEMO04'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ role: 'canvasser', communities: ['DEMO03', 'DEMO04'] });
    expect(res.json().password).toMatch(/^[A-Za-z0-9]{18}$/);
    const audit = app.repos.audit.list().find((a) => a.action === 'user_created');
    expect(audit?.actorUserId).toBe(coordinator.userId);
  });
});

describe('admin', () => {
  it('cannot disable itself or change its own role', async () => {
    for (const payload of [{ disabled: true }, { role: 'coordinator' }]) {
      const res = await call(admin, 'PATCH', `/api/users/${admin.userId}`, payload);
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('admin and device sessions', () => {
  it("lists and revokes a department scorer's device session (a lost phone), and a coordinator cannot", async () => {
    const scorer = await loginAs(app, 'department_scorer');
    const list = (await call(admin, 'GET', '/api/sessions')).json().sessions as {
      id: string;
      userId: string;
    }[];
    const session = list.find((s) => s.userId === scorer.userId);
    expect(session).toBeDefined();
    const byCoordinator = await call(coordinator, 'DELETE', `/api/sessions/${session?.id}`);
    expect(byCoordinator.statusCode).toBe(403);
    const revoke = await call(admin, 'DELETE', `/api/sessions/${session?.id}`);
    expect(revoke.statusCode).toBe(200);
    expect((await call(scorer, 'GET', '/api/me')).statusCode).toBe(401);
  });
});

describe('department scorer', () => {
  it('sees itself and every community (no QR links) but cannot sync, read coverage or manage staff', async () => {
    const user = app.repos.users.create({
      id: randomUUID(),
      username: 'scorer-1',
      displayName: '部门评分员',
      role: 'department_scorer',
      department: 'organization',
      passwordHash: await hashPassword(TEST_PASSWORD, TEST_SCRYPT_COST),
      communities: [],
      at: new Date().toISOString(),
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: CLIENT_HEADERS,
      payload: { username: 'scorer-1', password: TEST_PASSWORD },
    });
    const scorer = {
      cookie: `jt_session=${login.cookies.find((c) => c.name === 'jt_session')?.value}`,
      userId: user.id,
      username: 'scorer-1',
    };
    expect((await call(scorer, 'GET', '/api/me')).json().user.role).toBe('department_scorer');
    const communities = (await call(scorer, 'GET', '/api/communities')).json().communities;
    expect(communities).toHaveLength(27);
    expect(communities.every((c: { qrToken?: string }) => c.qrToken === undefined)).toBe(true);
    expect((await call(scorer, 'POST', '/api/sync', { items: [sampleSurvey()] })).statusCode).toBe(
      403,
    );
    expect((await call(scorer, 'GET', '/api/coverage')).statusCode).toBe(403);
    expect((await call(scorer, 'GET', '/api/users')).statusCode).toBe(403);
    expect((await call(scorer, 'POST', '/api/auth/logout')).statusCode).toBe(200);
  });
});

describe('anonymous', () => {
  for (const [method, url, payload] of [
    ...STAFF_ONLY,
    ['GET', '/api/me'],
    ['GET', '/api/communities'],
    ['GET', '/api/coverage'],
    // Checked before the body is read: a malformed body from a stranger is still 401.
    ['POST', '/api/sync', { not: 'a batch' }],
  ] as [string, string, unknown?][]) {
    it(`gets 401 unauthenticated for ${method} ${url}`, async () => {
      const res = await call(null, method, url, payload);
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toBe('unauthenticated');
    });
  }
});
