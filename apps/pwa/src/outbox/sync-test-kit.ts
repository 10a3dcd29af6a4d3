// Test-only: a real sync server in-process, a signed-in fetch with fault injection, and item
// factories. Imported by the outbox's integration tests, never by the app.
import type { InterviewRecord, SurveyResponse } from '@jiuting/questionnaire';
import { startTestServer, type TestServer } from '@jiuting/sync-server/testing';
import { createApiClient, type Fetch } from '../api/client.ts';
import { OutboxDatabase } from './db.ts';
import { newId } from './ids.ts';
import { enqueue } from './store.ts';
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
  const { cookie } = await server.login('canvasser', communities);
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

let dbCounter = 0;
export function freshDb(): OutboxDatabase {
  dbCounter += 1;
  return new OutboxDatabase(`outbox-test-${Date.now()}-${dbCounter}-${Math.random()}`);
}

export function surveyItem(
  overrides: Partial<SurveyResponse> = {},
  room = Math.floor(Math.random() * 9000 + 100),
): SurveyResponse {
  return {
    kind: 'survey',
    id: newId(),
    questionnaireId: 'jiuting-2025',
    questionnaireVersion: 1,
    communityCode: 'DEMO01',
    householdAddress: `12号${room}室`,
    channel: 'door',
    collectedAt: '2026-11-27T09:30:00+08:00',
    answers: {
      q1: 'A',
      q2: 'C',
      q3: 'A',
      q4: 'B',
      q5: 'C',
      q6: 'C',
      q7: 'D',
      q8: 'A',
      q9: 'B',
      q10: ['I'],
      q11: ['A', 'G'],
      q11Other: '加装电梯',
    },
    ...overrides,
  };
}

export function interviewItem(overrides: Partial<InterviewRecord> = {}): InterviewRecord {
  return {
    kind: 'interview',
    id: newId(),
    communityCode: 'DEMO01',
    group: 'elderly_living_alone',
    method: 'home',
    date: '2026-11-27',
    view: 'B',
    needs: '希望多组织助餐',
    collectedAt: '2026-11-27T10:00:00+08:00',
    ...overrides,
  };
}

/** Queues items as the form would; returns their local ids in order. */
export async function queueItems(
  db: OutboxDatabase,
  items: ReadonlyArray<SurveyResponse | InterviewRecord>,
  now = Date.now(),
): Promise<string[]> {
  const ids: string[] = [];
  for (const payload of items) {
    const id = newId();
    await enqueue(db, { id, kind: payload.kind, payload, form: {} }, now);
    ids.push(id);
  }
  return ids;
}
