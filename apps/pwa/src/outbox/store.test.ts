import Dexie from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { createApiClient } from '../api/client.ts';
import { applySchemaVersions, OutboxDatabase, SCHEMA_VERSIONS } from './db.ts';
import { buildOutboxExport } from './export.ts';
import {
  applyOutcomes,
  claimBatch,
  discardDraft,
  enqueue,
  HOUR,
  purgeSynced,
  SYNCED_GRACE_MS,
  saveDraft,
} from './store.ts';
import { SyncEngine } from './sync-engine.ts';
import { freshDb, interviewItem, queueItems, surveyItem } from './test-items.ts';

const opened: Dexie[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
function track<T extends Dexie>(db: T): T {
  opened.push(db);
  return db;
}

describe('schema upgrades', () => {
  test('upgrading from the previous schema version keeps every pending item', async () => {
    const name = `upgrade-${Math.random()}`;
    const previous = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 2]?.version as number;
    const old = new Dexie(name);
    applySchemaVersions(old, previous);
    const payloads = [surveyItem(), surveyItem({ communityCode: 'DEMO02' }), interviewItem()];
    await old.table('items').bulkAdd(
      payloads.map((payload, i) => ({
        id: `local-${i}`,
        kind: payload.kind,
        state: i === 2 ? 'rejected' : 'queued',
        payload,
        form: { typed: i },
        createdAt: 1,
        updatedAt: 1,
        queuedAt: 1,
      })),
    );
    await old.table('items').add({
      id: 'draft-1',
      kind: 'survey',
      state: 'draft',
      form: { building: '3' },
      createdAt: 1,
      updatedAt: 1,
    });
    old.close();

    const upgraded = track(new OutboxDatabase(name));
    const items = await upgraded.items.orderBy('id').toArray();
    expect(upgraded.verno).toBe(SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version);
    expect(items.map((i) => [i.id, i.state])).toEqual([
      ['draft-1', 'draft'],
      ['local-0', 'queued'],
      ['local-1', 'queued'],
      ['local-2', 'rejected'],
    ]);
    expect(items.slice(1).map((i) => i.payload)).toEqual(payloads);
    // Version 2's community index works on rows written by version 1.
    expect(await upgraded.items.where('communityCode').equals('DEMO02').count()).toBe(1);
  });
});

describe('drafts', () => {
  test('a draft is saved, updated and, once discarded, gone; a submitted item cannot be discarded', async () => {
    const db = track(freshDb());
    await saveDraft(
      db,
      { id: 'd1', kind: 'survey', communityCode: 'DEMO01', form: { room: '301' } },
      1,
    );
    await saveDraft(
      db,
      { id: 'd1', kind: 'survey', communityCode: 'DEMO01', form: { room: '302' } },
      2,
    );
    expect((await db.items.get('d1'))?.form).toEqual({ room: '302' });
    expect(await discardDraft(db, 'd1')).toBe(true);
    expect(await db.items.get('d1')).toBeUndefined();

    const [queuedId] = await queueItems(db, [surveyItem()]);
    expect(await discardDraft(db, queuedId as string)).toBe(false);
    expect(
      await saveDraft(
        db,
        { id: queuedId as string, kind: 'survey', communityCode: 'DEMO01', form: { stale: true } },
        3,
      ),
    ).toBe(false);
    expect((await db.items.get(queuedId as string))?.state).toBe('queued');
  });

  test('submitting twice queues once and keeps the first server id', async () => {
    const db = track(freshDb());
    const payload = surveyItem();
    await enqueue(db, { id: 'x', kind: 'survey', payload, form: {} }, 1);
    const again = await enqueue(
      db,
      { id: 'x', kind: 'survey', payload: { ...payload, id: 'other' }, form: {} },
      2,
    );
    expect(again.payload?.id).toBe(payload.id);
    expect(await db.items.count()).toBe(1);
  });
});

describe('purging synced answers', () => {
  test('after the grace period synced answers are removed, counts per community stay, unsent items stay', async () => {
    const db = track(freshDb());
    const t0 = 1_000_000_000_000;
    const ids = await queueItems(
      db,
      [
        surveyItem(),
        surveyItem(),
        surveyItem({ communityCode: 'DEMO02' }),
        interviewItem(),
        surveyItem(),
      ],
      t0,
    );
    const synced = ids.slice(0, 4);
    await claimBatch(db, 'e', t0, 60_000, 4);
    await applyOutcomes(
      db,
      'e',
      new Map(synced.map((id) => [id, { kind: 'synced' } as const])),
      t0,
    );

    expect(await purgeSynced(db, t0 + SYNCED_GRACE_MS - HOUR)).toBe(0);
    expect(await db.items.count()).toBe(5);

    expect(await purgeSynced(db, t0 + SYNCED_GRACE_MS + 1)).toBe(4);
    const left = await db.items.toArray();
    expect(left.map((i) => [i.id, i.state])).toEqual([[ids[4], 'queued']]);
    const counts = Object.fromEntries((await db.counts.toArray()).map((c) => [c.key, c.count]));
    expect(counts).toEqual({ 'survey:DEMO01': 2, 'survey:DEMO02': 1, 'interview:DEMO01': 1 });
    expect(await purgeSynced(db, t0 + SYNCED_GRACE_MS * 3)).toBe(0);
  });
});

test('a phone that stays offline still purges answers synced more than a day ago', async () => {
  const db = track(freshDb());
  const t0 = 1_000_000_000_000;
  const [id] = await queueItems(db, [surveyItem()], t0);
  await claimBatch(db, 'e', t0, 60_000, 1);
  await applyOutcomes(db, 'e', new Map([[id as string, { kind: 'synced' } as const]]), t0);
  const offline = new SyncEngine({
    db,
    api: createApiClient({
      fetch: () => Promise.reject(new TypeError('offline')),
      baseUrl: 'http://x.invalid',
    }),
    locks: null,
    window: null,
    document: null,
    now: () => t0 + SYNCED_GRACE_MS + HOUR,
  });
  await offline.syncNow();
  expect(offline.getStatus().phase).toBe('offline');
  expect(await db.items.count()).toBe(0);
  expect((await db.counts.get('survey:DEMO01'))?.count).toBe(1);
});

describe('export of unsent items', () => {
  test('the file holds every queued and rejected item exactly as it would be sent, and nothing synced or drafted', async () => {
    const db = track(freshDb());
    const payloads = [surveyItem(), interviewItem(), surveyItem()];
    const ids = await queueItems(db, payloads, 10);
    await claimBatch(db, 'e', 20, 60_000, 1);
    await applyOutcomes(db, 'e', new Map([[ids[0] as string, { kind: 'synced' } as const]]), 30);
    await saveDraft(db, { id: 'd', kind: 'survey', communityCode: 'DEMO01', form: {} }, 40);

    const file = await buildOutboxExport(db, 'canvasser-1', Date.UTC(2026, 10, 27, 9));
    expect(file).toEqual({
      format: 'jiuting-outbox',
      version: 1,
      exportedAt: '2026-11-27T09:00:00.000Z',
      exportedBy: 'canvasser-1',
      items: [payloads[1], payloads[2]],
    });
    expect(await db.items.count()).toBe(4);
  });
});
