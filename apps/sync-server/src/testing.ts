import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from './app.ts';
import { migrate } from './db/migrate.ts';
import { type Db, openDatabase } from './db/open.ts';
import { SESSION_COOKIE } from './plugins/auth.ts';
import type { Role } from './repositories/users.ts';
import { hashPassword, type ScryptCost } from './security/passwords.ts';

/** Fast enough for tests; production hashes use OWASP's cost (the cost is stored per hash). */
export const TEST_SCRYPT_COST: ScryptCost = { N: 1024, r: 8, p: 1 };
export const TEST_PASSWORD = 'test-password-123';
/** The header every state-changing request must carry (see docs/api.md). */
export const CLIENT_HEADERS = { 'x-jiuting-client': '1' } as const;

export interface LoggedIn {
  /** `jt_session=…`, ready for a Cookie header. */
  cookie: string;
  userId: string;
  username: string;
}

export interface TestServer {
  url: string;
  app: FastifyInstance;
  dbPath: string;
  /**
   * Creates a user of this role (assigned to `communities`, default: every demo community for
   * canvassers and interviewers) and signs in as them.
   */
  login(role: Role, communities?: string[]): Promise<LoggedIn>;
  close(): Promise<void>;
}

export function tempDbPath(): { dir: string; dbPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'jiuting-sync-'));
  return { dir, dbPath: join(dir, 'test.db') };
}

/** Creates a user directly in the database (no HTTP) and returns its id. */
export async function createUser(
  app: FastifyInstance,
  role: Role,
  communities: string[] = [],
  username = `${role}-${randomUUID().slice(0, 8)}`,
): Promise<{ id: string; username: string }> {
  const user = app.repos.users.create({
    id: randomUUID(),
    username,
    displayName: `测试${role}`,
    role,
    passwordHash: await hashPassword(TEST_PASSWORD, TEST_SCRYPT_COST),
    communities,
    // A department scorer always scores for one department; any will do for a test.
    department: role === 'department_scorer' ? 'organization' : null,
    at: app.now().toISOString(),
  });
  return { id: user.id, username: user.username };
}

/** Signs in through the API and returns the session cookie. */
export async function loginAs(
  app: FastifyInstance,
  role: Role,
  communities?: string[],
): Promise<LoggedIn> {
  const assigned =
    communities ??
    (role === 'canvasser' || role === 'interviewer'
      ? app.repos.communities.list().map((c) => c.code)
      : []);
  const { id, username } = await createUser(app, role, assigned);
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: CLIENT_HEADERS,
    payload: { username, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const token = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  if (!token) throw new Error('login set no session cookie');
  return { cookie: `${SESSION_COOKIE}=${token}`, userId: id, username };
}

/** Builds the app on a throwaway database with a low scrypt cost; nothing listens. */
/**
 * A migration's test: a database in a temporary directory at schema version `upTo` (the one
 * before the migration under test), for `fn` to store rows as the old schema held them, migrate
 * and check what became of them. Closed and deleted afterwards, whatever `fn` did.
 */
export async function withMigratedDb<T>(
  upTo: number,
  fn: (db: Db, dbPath: string) => T | Promise<T>,
): Promise<T> {
  const { dir, dbPath } = tempDbPath();
  const db = openDatabase(dbPath);
  try {
    migrate(db, { upTo });
    return await fn(db, dbPath);
  } finally {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function buildTestApp(
  options: Partial<AppOptions> = {},
): Promise<{ app: FastifyInstance; dbPath: string; cleanup: () => Promise<void> }> {
  const { dir, dbPath } = tempDbPath();
  const app = await buildApp({
    dbPath,
    logger: false,
    scryptCost: TEST_SCRYPT_COST,
    adminPassword: 'admin-password-123',
    ...options,
  });
  return {
    app,
    dbPath: options.dbPath ?? dbPath,
    cleanup: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A real server on 127.0.0.1 (random port) with the demo communities, for the PWA's tests:
 * `const s = await startTestServer(); const { cookie } = await s.login('canvasser');`.
 * State-changing requests need the `X-Jiuting-Client: 1` header.
 */
export async function startTestServer(options: Partial<AppOptions> = {}): Promise<TestServer> {
  const { app, dbPath, cleanup } = await buildTestApp(options);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    dbPath,
    login: (role, communities) => loginAs(app, role, communities),
    close: cleanup,
  };
}

/**
 * From now on every insert into the audit table (or the assessment's, `assessment_audit`) fails,
 * as a full disk would, only where `action` matches when given: for tests that a write and its
 * audit row commit together or not at all. A temporary trigger, on this app's connection only.
 */
export function failAuditInserts(
  app: FastifyInstance,
  table: 'audit' | 'assessment_audit' = 'audit',
  action?: string,
): void {
  const when = action === undefined ? '' : `WHEN NEW.action = '${action.replace(/'/g, "''")}'`;
  app.db.exec(
    `CREATE TEMP TRIGGER IF NOT EXISTS fail_${table}_inserts BEFORE INSERT ON main.${table} ${when}
     BEGIN SELECT RAISE(ABORT, 'audit insert refused by the test'); END`,
  );
}

/** POST /api/communities/import as `who` (a coordinator or admin); the caller checks the answer. */
export function importCommunities(app: FastifyInstance, who: LoggedIn, csv: string) {
  return app.inject({
    method: 'POST',
    url: '/api/communities/import',
    headers: { ...CLIENT_HEADERS, cookie: who.cookie },
    payload: { csv },
  });
}

/** POST /api/sync as `who`; the caller checks the answer. */
export function syncItems(app: FastifyInstance, who: LoggedIn, items: readonly unknown[]) {
  return app.inject({
    method: 'POST',
    url: '/api/sync',
    headers: { ...CLIENT_HEADERS, cookie: who.cookie },
    payload: { items },
  });
}
