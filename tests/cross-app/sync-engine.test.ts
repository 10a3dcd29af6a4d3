// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createApiClient } from '../../apps/pwa/src/api/client.ts';
import type { OutboxDatabase } from '../../apps/pwa/src/outbox/db.ts';
import { claimBatch, enqueue, resend } from '../../apps/pwa/src/outbox/store.ts';
import { SyncEngine } from '../../apps/pwa/src/outbox/sync-engine.ts';
import {
  freshDb,
  interviewItem,
  itemStates,
  queueItems,
  type SyncFixture,
  startSyncFixture,
  surveyItem,
} from './sync.test-kit.ts';

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

describe('the sync engine against the real sync server', () => {
  test('items saved while offline stay queued, then all reach the server once it answers', async () => {
    fixture.fault = () => 'offline';
    const engine = fixture.engine(db);
    const payloads = [surveyItem(), surveyItem(), interviewItem()];
    await queueItems(db, payloads);

    await engine.syncNow();
    expect(await itemStates(db)).toEqual({ queued: 3 });
    expect(engine.getStatus().phase).toBe('offline');
    expect(engine.getStatus().nextAttemptAt).toBeGreaterThan(Date.now());

    fixture.fault = () => undefined;
    await engine.syncNow();
    expect(await itemStates(db)).toEqual({ synced: 3 });
    expect(engine.getStatus().phase).toBe('idle');
    for (const payload of payloads) expect(await fixture.serverRows(payload.id)).toBe(1);
  });

  test('a captive portal answering HTML to the ping counts as offline and nothing is sent', async () => {
    fixture.fault = () => 'captivePortal';
    const engine = fixture.engine(db);
    await queueItems(db, [surveyItem()]);
    await engine.syncNow();
    expect(fixture.sentBatches).toEqual([]);
    expect(await itemStates(db)).toEqual({ queued: 1 });
    expect(engine.getStatus().phase).toBe('offline');
  });

  test('a 500 in the middle of the batches keeps the rest queued and a later run sends them once', async () => {
    let syncCalls = 0;
    fixture.fault = (path) => (path === '/api/sync' && ++syncCalls === 2 ? 'status500' : undefined);
    const engine = fixture.engine(db, { batchSize: 2 });
    const payloads = [surveyItem(), surveyItem(), surveyItem(), surveyItem(), surveyItem()];
    await queueItems(db, payloads);

    await engine.syncNow();
    expect(await itemStates(db)).toEqual({ synced: 2, queued: 3 });
    expect(engine.getStatus().phase).toBe('offline');
    expect(engine.getStatus().failures).toBe(1);

    await engine.syncNow();
    expect(await itemStates(db)).toEqual({ synced: 5 });
    for (const payload of payloads) expect(await fixture.serverRows(payload.id)).toBe(1);
  });

  test('an answer lost after the server stored the batch is retried, comes back duplicate, and leaves one row', async () => {
    let syncCalls = 0;
    fixture.fault = (path) =>
      path === '/api/sync' && ++syncCalls === 1 ? 'dropAfterServer' : undefined;
    const engine = fixture.engine(db);
    const payloads = [surveyItem(), interviewItem()];
    await queueItems(db, payloads);

    await engine.syncNow();
    expect(await itemStates(db)).toEqual({ queued: 2 });
    for (const payload of payloads) expect(await fixture.serverRows(payload.id)).toBe(1);

    await engine.syncNow();
    expect(await itemStates(db)).toEqual({ synced: 2 });
    expect(fixture.sentBatches).toHaveLength(2);
    for (const payload of payloads) expect(await fixture.serverRows(payload.id)).toBe(1);
  });

  test('rejected items are kept with the server reason while the good ones sync, and a fix resends them', async () => {
    const engine = fixture.engine(db);
    const good = surveyItem();
    const notMine = surveyItem({ communityCode: 'DEMO09' });
    const [goodId, notMineId] = await queueItems(db, [good, notMine]);

    await engine.syncNow();
    expect((await db.items.get(goodId as string))?.state).toBe('synced');
    const rejected = await db.items.get(notMineId as string);
    expect(rejected?.state).toBe('rejected');
    expect(rejected?.reason?.status).toBe('rejected');
    expect(rejected?.reason?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(rejected?.payload).toEqual(notMine);
    expect(await fixture.serverRows(notMine.id)).toBe(0);

    // Resending as is fails the same way and still loses nothing.
    await resend(db, notMineId as string, Date.now());
    await engine.syncNow();
    expect((await db.items.get(notMineId as string))?.state).toBe('rejected');

    // Fixed in the form (the right community) and submitted again: it syncs.
    await enqueue(
      db,
      {
        id: notMineId as string,
        kind: 'survey',
        payload: { ...notMine, communityCode: 'DEMO02' },
        form: {},
      },
      Date.now(),
    );
    await engine.syncNow();
    expect((await db.items.get(notMineId as string))?.state).toBe('synced');
    expect(await fixture.serverRows(notMine.id)).toBe(1);
  });

  test('a conflict (same id, other content on the server) is kept like a rejection and resent under a new id', async () => {
    const engine = fixture.engine(db);
    const original = surveyItem();
    await queueItems(db, [original]);
    await engine.syncNow();

    const changed = { ...original, answers: { ...original.answers, q8: 'D' } };
    const [localId] = await queueItems(db, [changed]);
    await engine.syncNow();
    const conflicted = await db.items.get(localId as string);
    expect(conflicted?.state).toBe('rejected');
    expect(conflicted?.reason?.status).toBe('conflict');

    await resend(db, localId as string, Date.now());
    await engine.syncNow();
    const resent = await db.items.get(localId as string);
    expect(resent?.state).toBe('synced');
    expect(resent?.payload?.id).not.toBe(original.id);
    expect(await fixture.serverRows(resent?.payload?.id as string)).toBe(1);
  });

  test('two engines on one database racing to send never send the same item twice', async () => {
    const payloads = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 0 ? interviewItem() : surveyItem(),
    );
    await queueItems(db, payloads);
    const tabA = fixture.engine(db, { batchSize: 3, engineId: 'tab-a' });
    const tabB = fixture.engine(db, { batchSize: 3, engineId: 'tab-b' });

    await Promise.all([tabA.syncNow(), tabB.syncNow(), tabA.syncNow(), tabB.syncNow()]);

    const sent = fixture.sentBatches.flat();
    expect(sent).toHaveLength(payloads.length);
    expect(new Set(sent).size).toBe(payloads.length);
    expect(await itemStates(db)).toEqual({ synced: payloads.length });
    for (const payload of payloads) expect(await fixture.serverRows(payload.id)).toBe(1);
  });

  test("a crashed tab's claim expires after its lease and another engine sends the item", async () => {
    const [id] = await queueItems(db, [surveyItem()]);
    const start = Date.now();
    await claimBatch(db, 'crashed-tab', start, 90_000, 10);

    const before = fixture.engine(db, { now: () => start + 1_000 });
    await before.syncNow();
    expect((await db.items.get(id as string))?.state).toBe('sending');
    expect(fixture.sentBatches).toEqual([]);

    const after = fixture.engine(db, { now: () => start + 91_000 });
    await after.syncNow();
    expect((await db.items.get(id as string))?.state).toBe('synced');
  });

  test('a running engine comes back by itself for an item another tab claimed and abandoned', async () => {
    const [id] = await queueItems(db, [surveyItem()]);
    await claimBatch(db, 'crashed-tab', Date.now(), 300, 10);
    const engine = fixture.engine(db);
    engine.start();
    await vi.waitFor(async () => expect((await db.items.get(id as string))?.state).toBe('synced'), {
      timeout: 5_000,
      interval: 100,
    });
    engine.stop();
  });

  test('a 401 stops the engine and asks for a login, keeping every item queued', async () => {
    await queueItems(db, [surveyItem(), surveyItem()]);
    const signedOut = new SyncEngine({
      db,
      api: createApiClient({
        fetch: (input, init) => fetch(input, init),
        baseUrl: fixture.server.url,
      }),
      locks: null,
      window: null,
      document: null,
    });
    await signedOut.syncNow();
    expect(signedOut.getStatus().phase).toBe('needsLogin');
    expect(await itemStates(db)).toEqual({ queued: 2 });
  });
});
