// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ApiClient, ApiOutcome } from '../../apps/pwa/src/api/client.ts';
import type { OutboxDatabase } from '../../apps/pwa/src/outbox/db.ts';
import {
  DEFAULT_BATCH_SIZE,
  MAX_BATCH_BYTES,
  SyncEngine,
} from '../../apps/pwa/src/outbox/sync-engine.ts';
import {
  freshDb,
  interviewItem,
  itemStates,
  queueItems,
  type SyncFixture,
  startSyncFixture,
  surveyItem,
  TEST_COLLECTOR,
} from './sync.test-kit.ts';

// Networks between a stairwell and the server: proxies with body limits, and a server that
// fails to store one item of a batch.

let fixture: SyncFixture;
let db: OutboxDatabase;

beforeEach(async () => {
  fixture = await startSyncFixture();
  db = freshDb();
});
afterEach(async () => {
  db.close();
  await fixture.close();
});

/** An interview with its three texts at their longest: about 9 KB of JSON. */
function longInterview() {
  const text = '居民希望加装电梯并改善楼道照明'.repeat(66).slice(0, 1000);
  return interviewItem({ needs: text, problems: text, notes: text });
}

describe('behind a proxy with a body limit', () => {
  test("a proxy's HTML 413 splits the batch until each part passes, and every item reaches the server once", async () => {
    fixture.bodyLimit = 40 * 1024;
    const payloads = Array.from({ length: 20 }, () => longInterview());
    await queueItems(db, payloads);
    const engine = fixture.engine(db, { batchSize: 100 });

    await engine.syncNow();

    expect(await itemStates(db)).toEqual({ synced: 20 });
    expect(engine.getStatus().phase).toBe('idle');
    for (const size of fixture.sentBytes) expect(size).toBeLessThanOrEqual(40 * 1024);
    for (const payload of payloads) expect(await fixture.serverRows(payload.id)).toBe(1);
  });

  test('a single item larger than the limit is kept as rejected with a Chinese reason while the rest sync', async () => {
    fixture.bodyLimit = 6 * 1024;
    const small = [surveyItem(), surveyItem(), interviewItem()];
    const big = longInterview();
    const ids = await queueItems(
      db,
      [small[0], big, small[1], small[2]].filter((p) => p !== undefined),
    );
    const engine = fixture.engine(db);

    await engine.syncNow();

    const bigItem = await db.items.get(ids[1] as string);
    expect(bigItem?.state).toBe('rejected');
    expect(bigItem?.payload).toEqual(big);
    expect(bigItem?.reason?.message).toMatch(/大小/);
    expect(await fixture.serverRows(big.id)).toBe(0);
    expect(await itemStates(db)).toEqual({ synced: 3, rejected: 1 });
    expect(engine.getStatus().phase).toBe('idle');
  });

  test('after a 413 the next runs go in batches under the refused size, with no refused upload first', async () => {
    fixture.bodyLimit = 40 * 1024;
    let syncPosts = 0;
    fixture.fault = (path, method) => {
      if (path === '/api/sync' && method === 'POST') syncPosts += 1;
      return undefined;
    };
    const engine = fixture.engine(db);
    await queueItems(
      db,
      Array.from({ length: 20 }, () => longInterview()),
    );
    await engine.syncNow();
    const firstRunRefused = syncPosts - fixture.sentBatches.length;
    expect(firstRunRefused).toBeGreaterThan(0);

    for (let run = 0; run < 2; run += 1) {
      const postsBefore = syncPosts;
      const batchesBefore = fixture.sentBatches.length;
      await queueItems(
        db,
        Array.from({ length: 20 }, () => longInterview()),
      );
      await engine.syncNow();
      // Every upload of this run reached the server: none was refused by the proxy.
      expect(syncPosts - postsBefore).toBe(fixture.sentBatches.length - batchesBefore);
    }
    expect(await itemStates(db)).toEqual({ synced: 60 });
  });

  test('after one oversized item is set aside, the rest of the queue goes in full batches again, not one per request', async () => {
    // The interview (~9 KB) passes no request of this proxy, even alone.
    fixture.bodyLimit = 8 * 1024;
    const big = longInterview();
    const rest = Array.from({ length: 60 }, (_, i) => surveyItem({}, 200 + i));
    const [bigId] = await queueItems(db, [big, ...rest]);
    const engine = fixture.engine(db);

    await engine.syncNow();

    expect(await itemStates(db)).toEqual({ synced: 60, rejected: 1 });
    // Set aside by the proxy's 413, not by the server's checks.
    expect((await db.items.get(bigId as string))?.reason?.message).toMatch(/大小/);
    const perRequest = fixture.sentBatches.map((b) => b.length);
    // Halving isolates the big item with a few small requests; the queue after it must go
    // many at a time (each batch is still under the proxy's 8 KB).
    expect(Math.max(...perRequest)).toBeGreaterThanOrEqual(4);
    expect(fixture.sentBatches.length).toBeLessThan(60 / 2);
  });

  test('a batch is capped by its size as well as its count, under a proxy’s default 1 MB', async () => {
    fixture.bodyLimit = 1024 * 1024;
    const payloads = Array.from({ length: 100 }, () => longInterview());
    await queueItems(db, payloads);
    const engine = fixture.engine(db, { batchSize: 100 });

    await engine.syncNow();

    expect(await itemStates(db)).toEqual({ synced: 100 });
    expect(fixture.sentBatches.length).toBeGreaterThan(1);
    for (const size of fixture.sentBytes) expect(size).toBeLessThanOrEqual(MAX_BATCH_BYTES);
  });
});

describe('a long queue', () => {
  test('goes in batches the server takes whole (at most its 500 items), none refused and split', async () => {
    const payloads = Array.from({ length: 600 }, (_, i) => surveyItem({}, 100 + i));
    await queueItems(db, payloads);
    const engine = fixture.engine(db);

    await engine.syncNow();

    expect(await itemStates(db)).toEqual({ synced: 600 });
    // A batch over the server's limit would be refused (400) and halved: one request more.
    expect(fixture.sentBatches).toHaveLength(Math.ceil(600 / DEFAULT_BATCH_SIZE));
    for (const batch of fixture.sentBatches) expect(batch.length).toBeLessThanOrEqual(500);
    expect(new Set(fixture.sentBatches.flat()).size).toBe(600);
  });
});

describe('a per-item retry from the server', () => {
  /** The real answers of ping and me; the sync answer says `retry` for one id until `healed`. */
  function poisonApi(poisonId: string) {
    const state = { healed: false, sends: [] as string[][] };
    const api: ApiClient = {
      async send(_method, path, body): Promise<ApiOutcome> {
        if (path === '/api/ping') return { kind: 'response', status: 200, body: { ok: true } };
        if (path === '/api/me') {
          return { kind: 'response', status: 200, body: { user: { username: TEST_COLLECTOR } } };
        }
        const items = (body as { items: Array<{ id: string }> }).items;
        state.sends.push(items.map((i) => i.id));
        return {
          kind: 'response',
          status: 200,
          body: {
            results: items.map((i) =>
              i.id === poisonId && !state.healed
                ? {
                    id: i.id,
                    status: 'retry',
                    error: { error: 'internal_error', message: '服务器内部错误，请稍后重试' },
                  }
                : { id: i.id, status: 'accepted' },
            ),
          },
        };
      },
      json: () => Promise.reject(new Error('not used by the engine')),
    };
    return { api, state };
  }
  test('keeps that item queued (not rejected), sends the rest, and backs off before trying it again', async () => {
    const payloads = [surveyItem(), surveyItem(), surveyItem(), surveyItem(), surveyItem()];
    const ids = await queueItems(db, payloads);
    const poison = payloads[0]?.id as string;
    const { api, state } = poisonApi(poison);
    const engine = new SyncEngine({
      db,
      api,
      batchSize: 2,
      locks: null,
      window: null,
      document: null,
      random: () => 0,
    });

    await engine.syncNow();

    const stuck = await db.items.get(ids[0] as string);
    expect(stuck?.state).toBe('queued');
    expect(stuck?.reason).toBeUndefined();
    expect(await itemStates(db)).toEqual({ queued: 1, synced: 4 });
    // Not resent in the same run: the server gets a rest before the next try.
    expect(state.sends.flat().filter((id) => id === poison)).toHaveLength(1);
    expect(engine.getStatus().phase).toBe('offline');
    expect(engine.getStatus().message).toMatch(/稍后自动重试/);
    expect(engine.getStatus().nextAttemptAt).toBeGreaterThan(Date.now());

    state.healed = true;
    await engine.syncNow();
    expect(await itemStates(db)).toEqual({ synced: 5 });
    expect(engine.getStatus().phase).toBe('idle');
  });
});
