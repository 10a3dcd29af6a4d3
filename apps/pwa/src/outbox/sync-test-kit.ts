// Test-only: a real sync server in-process and a signed-in fetch with fault injection. Imported by
// the outbox's integration tests (node environment), never by the app.
import { startTestServer, type TestServer } from '@jiuting/sync-server/testing';
import { createApiClient, type Fetch } from '../api/client.ts';
import type { OutboxDatabase } from './db.ts';
import { SyncEngine, type SyncEngineOptions } from './sync-engine.ts';

/**
 * What the network does to one request: `offline` fails before the server sees it; `status500`
 * answers 500 without the server seeing it; `dropAfterServer` lets the server store the batch
 * and then loses the answer; `captivePortal` answers 200 with HTML.
 */
export type Fault = 'offline' | 'status500' | 'dropAfterServer' | 'captivePortal';

export interface SyncFixture {
  readonly server: TestServer;
  readonly cookie: string;
  /** The ids in every POST /api/sync body that reached the server, request by request. */
  readonly sentBatches: string[][];
  /** Decides a fault per request; return undefined to let it through. */
  fault: (path: string, method: string) => Fault | undefined;
  readonly fetch: Fetch;
  engine(db: OutboxDatabase, options?: Partial<SyncEngineOptions>): SyncEngine;
  /** How many rows the server holds with this id (responses and interviews). */
  serverRows(id: string): number;
  close(): Promise<void>;
}

export async function startSyncFixture(communities = ['DEMO01', 'DEMO02']): Promise<SyncFixture> {
  const server = await startTestServer();
  // An interviewer may file both kinds of record (a canvasser questionnaires only).
  const { cookie } = await server.login('interviewer', communities);
  const sentBatches: string[][] = [];
  const fixture: SyncFixture = {
    server,
    cookie,
    sentBatches,
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
      const headers = new Headers(init?.headers);
      headers.set('cookie', cookie);
      if (url.pathname === '/api/sync' && typeof init?.body === 'string') {
        sentBatches.push(
          (JSON.parse(init.body) as { items: Array<{ id: string }> }).items.map((i) => i.id),
        );
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
    serverRows: (id) => {
      const row = server.app.db
        .prepare<[string, string], { n: number }>(
          'SELECT (SELECT COUNT(*) FROM responses WHERE id = ?) + (SELECT COUNT(*) FROM interviews WHERE id = ?) AS n',
        )
        .get(id, id);
      return row?.n ?? 0;
    },
    close: () => server.close(),
  };
  return fixture;
}

export { freshDb, interviewItem, queueItems, surveyItem } from './test-items.ts';
