// Test-only: a real sync server in-process and a signed-in fetch with fault injection, for the
// outbox's tests against the server (node environment). What the server stored is read over
// HTTP as a coordinator reads it, never from its tables, so a migration cannot break these tests.
import {
  CLIENT_HEADERS,
  createUser,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '@jiuting/sync-server/testing';
import { createApiClient, type Fetch } from '../../apps/pwa/src/api/client.ts';
import type { OutboxDatabase } from '../../apps/pwa/src/outbox/db.ts';
import { TEST_COLLECTOR } from '../../apps/pwa/src/outbox/outbox.test-kit.ts';
import { SyncEngine, type SyncEngineOptions } from '../../apps/pwa/src/outbox/sync-engine.ts';

/**
 * What the network does to one request: `offline` fails before the server sees it; `status500`
 * answers 500 without the server seeing it; `dropAfterServer` lets the server store the batch
 * and then loses the answer; `captivePortal` answers 200 with HTML.
 */
export type Fault = 'offline' | 'status500' | 'dropAfterServer' | 'captivePortal';

export interface SyncFixture {
  readonly server: TestServer;
  /** The session every request carries (switch it to sign in as someone else). */
  cookie: string;
  /** A proxy's body limit in bytes: a larger POST gets its HTML 413 and never reaches the server. */
  bodyLimit: number;
  /** The ids in every POST /api/sync body that reached the server, request by request. */
  readonly sentBatches: string[][];
  /** The size in bytes of every POST /api/sync body that reached the server. */
  readonly sentBytes: number[];
  /** Decides a fault per request; return undefined to let it through. */
  fault: (path: string, method: string) => Fault | undefined;
  readonly fetch: Fetch;
  engine(db: OutboxDatabase, options?: Partial<SyncEngineOptions>): SyncEngine;
  /** How many records the server holds with this id (responses and interviews), as review lists them. */
  serverRows(id: string): Promise<number>;
  close(): Promise<void>;
}

export async function startSyncFixture(communities = ['DEMO01', 'DEMO02']): Promise<SyncFixture> {
  const server = await startTestServer();
  const cookie = await signIn(server, TEST_COLLECTOR, communities);
  const coordinator = await server.login('coordinator');
  const reviewTotal = async (kind: 'responses' | 'interviews', id: string) => {
    const answer = await fetch(`${server.url}/api/review/${kind}?id=${encodeURIComponent(id)}`, {
      headers: { cookie: coordinator.cookie },
    });
    if (!answer.ok) throw new Error(`review ${kind}: ${answer.status} ${await answer.text()}`);
    return ((await answer.json()) as { total: number }).total;
  };
  const sentBatches: string[][] = [];
  const sentBytes: number[] = [];
  const fixture: SyncFixture = {
    server,
    cookie,
    bodyLimit: Number.POSITIVE_INFINITY,
    sentBatches,
    sentBytes,
    fault: () => undefined,
    fetch: async (input, init) => {
      const url = new URL(input);
      const method = init?.method ?? 'GET';
      const fault = fixture.fault(url.pathname, method);
      if (fault === 'offline') throw new TypeError('fetch failed');
      if (fault === 'status500') {
        return new Response(JSON.stringify({ error: 'internal', message: '服务器内部错误' }), {
          status: 500,
        });
      }
      if (fault === 'captivePortal') {
        return new Response('<html>请登录 Wi-Fi</html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        });
      }
      if (typeof init?.body === 'string' && new Blob([init.body]).size > fixture.bodyLimit) {
        return new Response('<html><center>413 Request Entity Too Large</center></html>', {
          status: 413,
          headers: { 'content-type': 'text/html' },
        });
      }
      const headers = new Headers(init?.headers);
      headers.set('cookie', fixture.cookie);
      if (url.pathname === '/api/sync' && typeof init?.body === 'string') {
        sentBatches.push(
          (JSON.parse(init.body) as { items: Array<{ id: string }> }).items.map((i) => i.id),
        );
        sentBytes.push(new Blob([init.body]).size);
      }
      const response = await fetch(input, { ...init, headers });
      if (fault === 'dropAfterServer') {
        await response.arrayBuffer();
        throw new TypeError('network connection was lost');
      }
      return response;
    },
    engine: (db, options = {}) =>
      new SyncEngine({
        db,
        api: createApiClient({ fetch: fixture.fetch, baseUrl: server.url }),
        locks: null,
        window: null,
        document: null,
        random: () => 0,
        ...options,
      }),
    serverRows: async (id) =>
      (await reviewTotal('responses', id)) + (await reviewTotal('interviews', id)),
    close: () => server.close(),
  };
  return fixture;
}

/**
 * Creates a collector with this username and returns their session cookie. An interviewer, since
 * an interviewer may file both kinds of record (a canvasser questionnaires only).
 */
export async function signIn(
  server: TestServer,
  username: string,
  communities: string[],
): Promise<string> {
  await createUser(server.app, 'interviewer', communities, username);
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: CLIENT_HEADERS,
    payload: { username, password: TEST_PASSWORD },
  });
  const cookie = res.cookies.find((c) => c.name === 'jt_session');
  if (!cookie) throw new Error(`login failed: ${res.statusCode}`);
  return `${cookie.name}=${cookie.value}`;
}

/** How many of the phone's items are in each state: what every sync test compares. */
export async function itemStates(db: OutboxDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const item of await db.items.toArray()) counts[item.state] = (counts[item.state] ?? 0) + 1;
  return counts;
}

export {
  freshDb,
  interviewItem,
  queueItems,
  surveyItem,
  TEST_COLLECTOR,
} from '../../apps/pwa/src/outbox/outbox.test-kit.ts';

/**
 * An exclusive Web Lock for one name, as the browser gives it: requests wait in turn, a waiting
 * request can be aborted, and `hold()` plays a tab that holds it until `release()` (or dies).
 */
export function memoryLocks() {
  let tail: Promise<void> = Promise.resolve();
  const request = (
    name: string,
    options: LockOptions,
    callback: (lock: Lock | null) => Promise<void>,
  ): Promise<void> => {
    const previous = tail;
    let done!: () => void;
    tail = new Promise<void>((resolve) => {
      done = resolve;
    });
    return new Promise<void>((resolve, reject) => {
      let granted = false;
      options.signal?.addEventListener('abort', () => {
        if (!granted) reject(new DOMException('aborted', 'AbortError'));
      });
      void previous.then(async () => {
        if (options.signal?.aborted) return done();
        granted = true;
        try {
          resolve(await callback({ name, mode: 'exclusive' } as Lock));
        } catch (error) {
          reject(error);
        } finally {
          done();
        }
      });
    });
  };
  const hold = () => {
    let release!: () => void;
    void request('jiuting-outbox-sync', {}, () => new Promise<void>((r) => (release = r)));
    return () => release();
  };
  return { locks: { request } as unknown as LockManager, hold };
}
