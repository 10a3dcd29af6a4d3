import Dexie from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { createApiClient } from '../api/client.ts';
import { applySchemaVersions, OutboxDatabase, SCHEMA_VERSIONS } from './db.ts';
import { buildOutboxExport, unsentOfOthers } from './export.ts';
import {
  freshDb,
  interviewItem,
  queueItems,
  surveyItem,
  TEST_COLLECTOR,
} from './outbox.test-kit.ts';
import {
  adoptOwnerless,
  applyOutcomes,
  claimBatch,
  discardDraft,
  enqueue,
  HOUR,
  payloadBytes,
  purgeSynced,
  releaseClaims,
  SYNCED_GRACE_MS,
  saveDraft,
} from './store.ts';
import { SyncEngine } from './sync-engine.ts';

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
        // Every version since 2 writes the community; version 1's rows get it by version 2's upgrade.
        ...(previous >= 2 ? { communityCode: payload.communityCode } : {}),
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
    // The community index works on the rows of the previous version.
    expect(await upgraded.items.where('communityCode').equals('DEMO02').count()).toBe(1);
    // Version 4's visit lists start empty and take a list.
    expect(await upgraded.visitLists.count()).toBe(0);
  });
});

describe('schema version 3', () => {
  test('each version-2 row is kept as the item of its state, and the new indexes find it', async () => {
    const name = `upgrade-v3-${Math.random()}`;
    const old = new Dexie(name);
    applySchemaVersions(old, 2);
    const [a, b, c, d, e] = [
      surveyItem(),
      surveyItem(),
      interviewItem(),
      surveyItem(),
      surveyItem(),
    ];
    const row = (id: string, fields: Record<string, unknown>) => ({
      id,
      kind: 'survey',
      communityCode: 'DEMO01',
      form: { id },
      createdAt: 1,
      updatedAt: 2,
      collectedBy: TEST_COLLECTOR,
      ...fields,
    });
    await old.table('items').bulkAdd([
      // Version 2 wrote every field on every row, `undefined` or left over.
      row('draft', { state: 'draft', attempts: 0, reason: undefined }),
      row('queued', {
        state: 'queued',
        payload: a,
        queuedAt: 5,
        attempts: 2,
        leaseUntil: undefined,
        claimedBy: undefined,
      }),
      row('sending', {
        state: 'sending',
        payload: b,
        queuedAt: 3,
        attempts: 1,
        leaseUntil: 9,
        claimedBy: 'dead-tab',
      }),
      row('interview', {
        kind: 'interview',
        state: 'rejected',
        payload: c,
        queuedAt: 4,
        attempts: 1,
      }),
      row('synced', {
        state: 'synced',
        payload: d,
        queuedAt: 1,
        attempts: 1,
        syncedAt: 6,
        reason: undefined,
      }),
      // A claim that lost its lease fields: queued again rather than stuck.
      row('half-claimed', { state: 'sending', payload: e, attempts: 1, claimedBy: 'x' }),
    ]);
    old.close();

    const db = track(new OutboxDatabase(name));
    const items = Object.fromEntries((await db.items.toArray()).map((i) => [i.id, i]));
    expect(Object.keys(items).sort()).toEqual([
      'draft',
      'half-claimed',
      'interview',
      'queued',
      'sending',
      'synced',
    ]);
    expect(items.draft).toEqual({
      id: 'draft',
      kind: 'survey',
      state: 'draft',
      communityCode: 'DEMO01',
      form: { id: 'draft' },
      createdAt: 1,
      updatedAt: 2,
      collectedBy: TEST_COLLECTOR,
    });
    expect(Object.keys(items.queued ?? {}).sort()).toEqual([
      'attempts',
      'collectedBy',
      'communityCode',
      'createdAt',
      'form',
      'id',
      'kind',
      'payload',
      'queuedAt',
      'state',
      'updatedAt',
    ]);
    expect(items.sending).toMatchObject({
      state: 'sending',
      claimedBy: 'dead-tab',
      leaseUntil: 9,
      payload: b,
    });
    expect(items.interview).toMatchObject({
      state: 'rejected',
      payload: c,
      reason: { status: 'rejected' },
    });
    expect(items.synced).toMatchObject({ state: 'synced', syncedAt: 6, payload: d });
    expect(items['half-claimed']).toMatchObject({ state: 'queued', queuedAt: 2, payload: e });
    expect(items['half-claimed']?.claimedBy).toBeUndefined();

    // The upgraded rows are where the indexed reads look for them.
    const claimed = await claimBatch(db, 'e', 10, 60_000, 10, { collector: TEST_COLLECTOR });
    expect(claimed.map((i) => i.id)).toEqual(['half-claimed', 'sending', 'queued']);
    expect(await purgeSynced(db, 6 + SYNCED_GRACE_MS)).toBe(1);
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

test('a synced survey the server took as a repeat is marked so; the others are not', async () => {
  const db = track(freshDb());
  const t0 = 1_000_000_000_000;
  const [repeat, first] = await queueItems(db, [surveyItem(), surveyItem()], t0);
  await claimBatch(db, 'e', t0, 60_000, 2);
  await applyOutcomes(
    db,
    'e',
    new Map([
      [repeat as string, { kind: 'synced', repeat: true } as const],
      [first as string, { kind: 'synced' } as const],
    ]),
    t0,
  );
  expect((await db.items.get(repeat as string))?.repeat).toBe(true);
  expect((await db.items.get(first as string))?.repeat).toBeUndefined();
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

    const file = await buildOutboxExport(db, TEST_COLLECTOR, Date.UTC(2026, 10, 27, 9));
    expect(file).toEqual({
      format: 'jiuting-outbox',
      version: 1,
      exportedAt: '2026-11-27T09:00:00.000Z',
      exportedBy: TEST_COLLECTOR,
      items: [payloads[1], payloads[2]],
    });
    expect(await db.items.count()).toBe(4);
  });
});

describe('items belong to the person who collected them', () => {
  test("an export holds only the named collector's items, and names that collector", async () => {
    const db = track(freshDb());
    const mine = [surveyItem(), interviewItem()];
    const theirs = [surveyItem(), surveyItem()];
    await queueItems(db, mine, 10, 'canvasser-wang');
    await queueItems(db, theirs, 20, 'canvasser-li');

    const file = await buildOutboxExport(db, 'canvasser-li', 0);
    expect(file.exportedBy).toBe('canvasser-li');
    expect(file.items).toEqual(theirs);
    expect(await unsentOfOthers(db, 'canvasser-wang')).toEqual([
      { collector: 'canvasser-li', count: 2 },
    ]);
  });

  test("a claim for one collector never takes another person's items", async () => {
    const db = track(freshDb());
    await queueItems(db, [surveyItem()], 10, 'canvasser-li');
    const [mine] = await queueItems(db, [surveyItem()], 20, 'canvasser-wang');
    const batch = await claimBatch(db, 'e', 30, 60_000, 10, { collector: 'canvasser-wang' });
    expect(batch.map((item) => item.id)).toEqual([mine]);
  });

  test('items without a recorded collector are adopted by the person signing in, once', async () => {
    const db = track(freshDb());
    await enqueue(db, { id: 'old', kind: 'survey', payload: surveyItem(), form: {} }, 1);
    await saveDraft(db, { id: 'old-draft', kind: 'survey', communityCode: 'DEMO01', form: {} }, 2);
    await queueItems(db, [surveyItem()], 3, 'canvasser-li');
    expect(await adoptOwnerless(db, 'canvasser-wang')).toBe(2);
    expect(await adoptOwnerless(db, 'canvasser-zhou')).toBe(0);
    expect((await db.items.get('old'))?.collectedBy).toBe('canvasser-wang');
    expect((await db.items.get('old-draft'))?.collectedBy).toBe('canvasser-wang');
  });

  test('fixing and resubmitting a rejected item keeps its first collector', async () => {
    const db = track(freshDb());
    const payload = surveyItem();
    await enqueue(
      db,
      { id: 'x', kind: 'survey', payload, form: {}, collectedBy: 'canvasser-li' },
      1,
    );
    await db.items.update('x', { state: 'rejected' });
    await enqueue(db, { id: 'x', kind: 'survey', payload, form: {}, collectedBy: 'other' }, 2);
    expect((await db.items.get('x'))?.collectedBy).toBe('canvasser-li');
  });
});

describe('claims', () => {
  test('a batch stops before the byte cap, but always holds at least one item', async () => {
    const db = track(freshDb());
    const payloads = [surveyItem(), surveyItem(), surveyItem()];
    await queueItems(db, payloads, 10);
    const two = payloadBytes(payloads[0]) + payloadBytes(payloads[1]);
    expect(await claimBatch(db, 'e', 20, 60_000, 10, { maxBytes: two + 1 })).toHaveLength(2);
    expect(await claimBatch(db, 'e', 20, 60_000, 10, { maxBytes: 10 })).toHaveLength(1);
  });

  test("released claims are queued again at once; another engine's claims are left alone", async () => {
    const db = track(freshDb());
    await queueItems(db, [surveyItem(), surveyItem()], 10);
    await claimBatch(db, 'closing-tab', 20, 90_000, 1);
    await claimBatch(db, 'other-tab', 20, 90_000, 1);
    expect(await releaseClaims(db, 'closing-tab')).toBe(1);
    const items = await db.items.toArray();
    expect(items.map((item) => [item.state, item.claimedBy]).sort()).toEqual([
      ['queued', undefined],
      ['sending', 'other-tab'],
    ]);
  });

  test('the holder of the Web Lock takes over claims left by a dead run before their lease ends', async () => {
    const db = track(freshDb());
    await queueItems(db, [surveyItem()], 10);
    await claimBatch(db, 'dead-tab', 20, 90_000, 1);
    expect(await claimBatch(db, 'e', 30, 90_000, 10)).toHaveLength(0);
    expect(await claimBatch(db, 'e', 30, 90_000, 10, { takeOverClaims: true })).toHaveLength(1);
  });
});
