// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createApiClient } from '../../apps/pwa/src/api/client.ts';
import type { OutboxDatabase } from '../../apps/pwa/src/outbox/db.ts';
import { claimBatch } from '../../apps/pwa/src/outbox/store.ts';
import {
  freshDb,
  itemStates,
  memoryLocks,
  queueItems,
  type SyncFixture,
  signIn,
  startSyncFixture,
  surveyItem,
} from './sync.test-kit.ts';

// Shared phones, tabs that die, tabs that close.

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

function collectorOnServer(id: string): string | undefined {
  return fixture.server.app.db
    .prepare<[string], { username: string }>(
      'SELECT u.username FROM responses r JOIN users u ON u.id = r.user_id WHERE r.id = ?',
    )
    .get(id)?.username;
}

describe('a phone shared by several people', () => {
  test("each person's items go out only under their own session and are credited to them", async () => {
    const wang = [surveyItem(), surveyItem()];
    const li = [surveyItem(), surveyItem(), surveyItem()];
    await queueItems(db, wang);
    await queueItems(db, li, Date.now(), 'canvasser-li');
    const engine = fixture.engine(db);

    await engine.syncNow();
    expect(await itemStates(db)).toEqual({ synced: 2, queued: 3 });
    for (const payload of li) expect(await fixture.serverRows(payload.id)).toBe(0);
    expect(engine.getStatus().phase).toBe('idle');

    // 李 signs in on the same phone: her items go, under her name.
    fixture.cookie = await signIn(fixture.server, 'canvasser-li', ['DEMO01', 'DEMO02']);
    await engine.syncNow();
    expect(await itemStates(db)).toEqual({ synced: 5 });
    for (const payload of li) expect(collectorOnServer(payload.id)).toBe('canvasser-li');
    for (const payload of wang) expect(collectorOnServer(payload.id)).toBe('canvasser1');
  });
});

describe('tabs and browsers that die', () => {
  test('the tab holding the lock sends each item in exactly one request, batch after batch', async () => {
    // Holding the lock, its claims take over any other claim, its own included: a claim made
    // while a batch is on its way (to overlap the upload) must not take that batch again.
    const { locks } = memoryLocks();
    const payloads = Array.from({ length: 23 }, () => surveyItem());
    await queueItems(db, payloads);
    const engine = fixture.engine(db, { locks, batchSize: 5 });

    await engine.syncNow();

    const sent = fixture.sentBatches.flat();
    expect(fixture.sentBatches.map((batch) => batch.length)).toEqual([5, 5, 5, 5, 3]);
    expect(new Set(sent).size).toBe(payloads.length);
    expect(await itemStates(db)).toEqual({ synced: payloads.length });
  });

  test('the tab holding the lock writes no claim: its items stay queued in IndexedDB while their batch is on its way', async () => {
    // The lock is the claim (store.ts, ClaimOptions.inMemory): the drain writes each item once,
    // with its outcome, instead of once to claim it and again with the outcome.
    const { locks } = memoryLocks();
    const ids = await queueItems(
      db,
      Array.from({ length: 7 }, () => surveyItem()),
    );
    const seenDuringPosts: Array<Record<string, number>> = [];
    const api = createApiClient({ fetch: fixture.fetch, baseUrl: fixture.server.url });
    const engine = fixture.engine(db, {
      locks,
      batchSize: 3,
      api: {
        send: async (method, path, body) => {
          if (path === '/api/sync') seenDuringPosts.push(await itemStates(db));
          return api.send(method, path, body);
        },
        json: () => Promise.reject(new Error('not used by the engine')),
      },
    });
    const written: string[] = [];
    db.items.hook('updating', (_changes, key) => {
      written.push(String(key));
    });
    db.items.hook('creating', (key) => {
      written.push(String(key));
    });

    await engine.syncNow();

    expect(seenDuringPosts).toEqual([
      { queued: 7 },
      { synced: 3, queued: 4 },
      { synced: 6, queued: 1 },
    ]);
    expect(await itemStates(db)).toEqual({ synced: 7 });
    // Every item written exactly once in the whole drain: its outcome.
    expect(written.sort()).toEqual([...ids].sort());
    expect(fixture.sentBatches.flat()).toHaveLength(7);
  });

  test('a tab that loses the lock race waits for it, and sends a dead tab’s claimed items as soon as the lock is freed', async () => {
    const { locks, hold } = memoryLocks();
    await queueItems(
      db,
      Array.from({ length: 20 }, () => surveyItem()),
    );
    // The other tab holds the lock and has claimed five items for 90 s …
    const release = hold();
    await claimBatch(db, 'dead-tab', Date.now(), 90_000, 5);
    const survivor = fixture.engine(db, { locks });

    const run = survivor.syncNow();
    await new Promise((r) => setTimeout(r, 200));
    expect(fixture.sentBatches).toEqual([]);

    // … and dies: the browser frees its lock; its claims are still 89 s from expiry.
    const diedAt = Date.now();
    release();
    await run;
    expect(await itemStates(db)).toEqual({ synced: 20 });
    expect(Date.now() - diedAt).toBeLessThan(5_000);
  });

  test('after the browser is killed and opened again, the new run sends what the dead one had claimed at once, not after its lease', async () => {
    const { locks } = memoryLocks();
    await queueItems(
      db,
      Array.from({ length: 5 }, () => surveyItem()),
    );
    // The killed browser's run claimed everything for 90 s; the browser freed its lock as it died.
    await claimBatch(db, 'killed-browser', Date.now(), 90_000, 10);
    const relaunched = fixture.engine(db, { locks });
    const started = Date.now();
    await relaunched.syncNow();
    expect(await itemStates(db)).toEqual({ synced: 5 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('stopping an engine (the tab closes) hands its claims back, so another engine sends them at once', async () => {
    const [id] = await queueItems(db, [surveyItem()]);
    const closing = fixture.engine(db, { engineId: 'closing-tab' });
    await claimBatch(db, closing.engineId, Date.now(), 90_000, 10);
    await closing.stop();
    expect((await db.items.get(id as string))?.state).toBe('queued');

    await fixture.engine(db).syncNow();
    expect((await db.items.get(id as string))?.state).toBe('synced');
  });

  test('an engine stopped while its batch is on the way sends no further batch and stays stopped', async () => {
    await queueItems(db, [surveyItem(), surveyItem(), surveyItem()]);
    let syncCalls = 0;
    let stopNow!: () => Promise<void>;
    const engine = fixture.engine(db, {
      batchSize: 1,
      api: {
        send: async (method, path, body) => {
          if (path === '/api/sync' && ++syncCalls === 1) await stopNow();
          return createApiClient({ fetch: fixture.fetch, baseUrl: fixture.server.url }).send(
            method,
            path,
            body,
          );
        },
        json: () => Promise.reject(new Error('not used by the engine')),
      },
    });
    stopNow = () => engine.stop();

    await engine.syncNow();

    expect(syncCalls).toBe(1);
    expect(engine.getStatus().phase).toBe('stopped');
    expect(await itemStates(db)).toEqual({ synced: 1, queued: 2 });
  });

  test("pagehide hands this tab's claims back", async () => {
    const target = new EventTarget();
    const win = target as unknown as Pick<Window, 'addEventListener' | 'removeEventListener'>;
    fixture.fault = () => 'offline';
    const [id] = await queueItems(db, [surveyItem()]);
    const engine = fixture.engine(db, { window: win, engineId: 'tab-1' });
    engine.start();
    await claimBatch(db, 'tab-1', Date.now(), 90_000, 10);
    target.dispatchEvent(new Event('pagehide'));
    await vi.waitFor(async () => expect((await db.items.get(id as string))?.state).toBe('queued'));
    await engine.stop();
  });

  test('a claim whose lease already ran out does not make an offline engine try every second: it keeps its backoff', async () => {
    await queueItems(db, [surveyItem()]);
    // A tab that died long ago left this claim; the lease ran out while the phone had no signal.
    await claimBatch(db, 'crashed-tab', Date.now() - 120_000, 90_000, 10);
    let pings = 0;
    fixture.fault = (path) => {
      if (path === '/api/ping') pings += 1;
      return 'offline';
    };
    // Backoff after the first failure: 5 s.
    const engine = fixture.engine(db, { random: () => 1 });
    engine.start();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(pings).toBe(1);
    expect(engine.getStatus().nextAttemptAt).toBeGreaterThan(Date.now() + 1_000);
    await engine.stop();
  });

  test("another person's abandoned claim does not make the signed-in person's engine ask the server every second", async () => {
    await queueItems(db, [surveyItem()], Date.now(), 'canvasser-li');
    await claimBatch(db, 'li-crashed-tab', Date.now() - 120_000, 90_000, 10);
    let pings = 0;
    fixture.fault = (path) => {
      if (path === '/api/ping') pings += 1;
      return undefined;
    };
    const engine = fixture.engine(db);
    engine.start();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(pings).toBe(1);
    expect(engine.getStatus().phase).toBe('idle');
    // 李's item waits, claimed or not, for her to sign in.
    expect(await itemStates(db)).toEqual({ sending: 1 });
    await engine.stop();
  });

  test("a failed run still wakes up when another tab's abandoned claim expires, before its own backoff", async () => {
    const [claimedId] = await queueItems(db, [surveyItem()]);
    await claimBatch(db, 'crashed-tab', Date.now(), 500, 10);
    await queueItems(db, [surveyItem()]);
    let syncCalls = 0;
    fixture.fault = (path) => (path === '/api/sync' && ++syncCalls === 1 ? 'status500' : undefined);
    // Backoff after the 500 would be 5 s.
    const engine = fixture.engine(db, { random: () => 1 });
    engine.start();
    await vi.waitFor(
      async () => expect((await db.items.get(claimedId as string))?.state).toBe('synced'),
      { timeout: 3_500, interval: 100 },
    );
    await engine.stop();
  });
});
