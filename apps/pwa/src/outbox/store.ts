import type { SyncItem } from '@jiuting/questionnaire';
import type { OutboxDatabase } from './db.ts';
import { newId } from './ids.ts';
import type { ItemKind, OutboxItem, RejectionReason } from './types.ts';

// Every write to the outbox. Each function is one Dexie transaction with no network call inside
// it (a fetch or foreign promise would let IndexedDB commit the transaction half-way). Each says
// what running it twice does, because tabs, retries and crashes do run things twice.

export const HOUR = 60 * 60 * 1000;
/** Synced answers stay this long (to show 已上传 and allow a look back), then only counts stay. */
export const SYNCED_GRACE_MS = 24 * HOUR;
/** Unsent for longer than this: the header warns. */
export const STALE_UNSENT_MS = 24 * HOUR;

export interface DraftInput {
  readonly id: string;
  readonly kind: ItemKind;
  readonly communityCode: string;
  readonly form: unknown;
  readonly collectedBy?: string;
}

/**
 * Saves what the form holds. Offline: works (local only). Twice: the later form wins.
 * A submitted (queued, sending, synced) item is never overwritten by a stale form: returns false.
 */
export async function saveDraft(
  db: OutboxDatabase,
  input: DraftInput,
  now: number,
): Promise<boolean> {
  return db.transaction('rw', db.items, async () => {
    const existing = await db.items.get(input.id);
    if (existing === undefined) {
      await db.items.add({
        id: input.id,
        kind: input.kind,
        state: 'draft',
        communityCode: input.communityCode,
        form: input.form,
        createdAt: now,
        updatedAt: now,
        attempts: 0,
        ...(input.collectedBy ? { collectedBy: input.collectedBy } : {}),
      });
      return true;
    }
    if (existing.state !== 'draft' && existing.state !== 'rejected') return false;
    await db.items.update(input.id, {
      form: input.form,
      communityCode: input.communityCode,
      updatedAt: now,
    });
    return true;
  });
}

/** Deletes a draft the user chose to discard. Twice: no-op. Never deletes a submitted item. */
export async function discardDraft(db: OutboxDatabase, id: string): Promise<boolean> {
  return db.transaction('rw', db.items, async () => {
    const existing = await db.items.get(id);
    if (existing?.state !== 'draft') return false;
    await db.items.delete(id);
    return true;
  });
}

export interface EnqueueInput {
  readonly id: string;
  readonly kind: ItemKind;
  readonly payload: SyncItem;
  readonly form: unknown;
  readonly collectedBy?: string;
}

/**
 * Submits a validated item: it becomes `queued`. Resolves only after IndexedDB committed, so the
 * caller may then say 已保存. Twice: the second call finds it already queued and changes nothing.
 * A fixed `conflict` gets a new server id, since the old id is taken by other content.
 */
export async function enqueue(
  db: OutboxDatabase,
  input: EnqueueInput,
  now: number,
): Promise<OutboxItem> {
  return db.transaction('rw', db.items, async () => {
    const existing = await db.items.get(input.id);
    if (existing && existing.state !== 'draft' && existing.state !== 'rejected') return existing;
    const syncId =
      existing?.reason?.status === 'conflict'
        ? newId()
        : (existing?.payload?.id ?? input.payload.id);
    const item: OutboxItem = {
      id: input.id,
      kind: input.kind,
      state: 'queued',
      communityCode: input.payload.communityCode,
      form: input.form,
      payload: { ...input.payload, id: syncId },
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      queuedAt: now,
      attempts: 0,
    };
    // An item stays its first collector's, whoever fixes and resubmits it.
    const collectedBy = existing?.collectedBy ?? input.collectedBy;
    if (collectedBy) item.collectedBy = collectedBy;
    await db.items.put(item);
    return item;
  });
}

/** Sends a rejected item again as it is (e.g. after the server fixed an assignment). Twice: no-op. */
export async function resend(db: OutboxDatabase, id: string, now: number): Promise<boolean> {
  return db.transaction('rw', db.items, async () => {
    const existing = await db.items.get(id);
    if (existing?.state !== 'rejected' || existing.payload === undefined) return false;
    const payload =
      existing.reason?.status === 'conflict'
        ? { ...existing.payload, id: newId() }
        : existing.payload;
    await db.items.update(id, {
      state: 'queued',
      payload,
      reason: undefined,
      queuedAt: now,
      updatedAt: now,
      attempts: 0,
    });
    return true;
  });
}

/** What a batch may hold besides a count. */
export interface ClaimOptions {
  /** Only this person's items: a phone sends each person's items under their own session. */
  readonly collector?: string;
  /**
   * A cap on the batch's serialized size: proxies refuse bodies over a limit (nginx: 1 MB by
   * default) and 100 interviews come near it. One item is always taken, however large.
   */
  readonly maxBytes?: number;
  /** Items not to send again in this run (the server asked to retry them later). */
  readonly exclude?: ReadonlySet<string>;
  /**
   * The caller holds the outbox's Web Lock, so no other run is sending: any claim left was left
   * by a run that died with its tab or browser, and is taken over at once instead of after its
   * lease.
   */
  readonly takeOverClaims?: boolean;
}

const encoder = new TextEncoder();

/** Bytes an item adds to a POST /api/sync body. */
export function payloadBytes(payload: SyncItem | undefined): number {
  return encoder.encode(JSON.stringify(payload ?? null)).length + 1;
}

/**
 * Claims up to `limit` items to send: queued ones, and sending ones whose lease expired (a tab
 * that crashed mid-send). The read and the write are one IndexedDB transaction, and IndexedDB
 * never runs two read-write transactions on one store at once — across tabs too — so two engines
 * can never claim the same item. Twice: the second call gets other items or none.
 */
export async function claimBatch(
  db: OutboxDatabase,
  engineId: string,
  now: number,
  leaseMs: number,
  limit: number,
  options: ClaimOptions = {},
): Promise<OutboxItem[]> {
  const { collector, maxBytes = Number.POSITIVE_INFINITY, exclude, takeOverClaims } = options;
  return db.transaction('rw', db.items, async () => {
    const candidates = await db.items
      .where('state')
      .anyOf('queued', 'sending')
      .filter(
        (item) =>
          (item.state === 'queued' || takeOverClaims === true || (item.leaseUntil ?? 0) <= now) &&
          (collector === undefined || item.collectedBy === collector) &&
          !exclude?.has(item.id),
      )
      .toArray();
    candidates.sort((a, b) => (a.queuedAt ?? 0) - (b.queuedAt ?? 0));
    const taken: OutboxItem[] = [];
    let bytes = 0;
    for (const item of candidates) {
      if (taken.length >= limit) break;
      const size = payloadBytes(item.payload);
      if (taken.length > 0 && bytes + size > maxBytes) break;
      bytes += size;
      taken.push(item);
    }
    const claimed = taken.map((item) => ({
      ...item,
      state: 'sending' as const,
      leaseUntil: now + leaseMs,
      claimedBy: engineId,
      attempts: (item.attempts ?? 0) + 1,
    }));
    await db.items.bulkPut(claimed);
    return claimed;
  });
}

/**
 * Gives back this engine's claims (the tab is closing or hidden for good): its items are queued
 * again for whichever tab sends next, instead of waiting out their lease. An answer still on its
 * way is harmless: a resend comes back `duplicate`. Twice: the second call finds no claims.
 */
export async function releaseClaims(db: OutboxDatabase, engineId: string): Promise<number> {
  return db.transaction('rw', db.items, async () => {
    const mine = await db.items
      .where('state')
      .equals('sending')
      .filter((item) => item.claimedBy === engineId)
      .toArray();
    for (const item of mine) {
      await db.items.update(item.id, {
        state: 'queued',
        leaseUntil: undefined,
        claimedBy: undefined,
      });
    }
    return mine.length;
  });
}

/**
 * Gives items that record no collector to the person signing in. Only items saved by an app
 * version that did not yet record who collected them lack one; before that version the phone
 * sent every item under whoever was signed in, so they go to that person, as they would have,
 * rather than wait for nobody. Every newer item names its collector. Twice: finds none.
 */
export async function adoptOwnerless(db: OutboxDatabase, collector: string): Promise<number> {
  return db.transaction('rw', db.items, async () => {
    const ownerless = await db.items
      .where('state')
      .anyOf('draft', 'queued', 'sending', 'rejected')
      .filter((item) => !item.collectedBy)
      .toArray();
    for (const item of ownerless) await db.items.update(item.id, { collectedBy: collector });
    return ownerless.length;
  });
}

export type ItemOutcome =
  | { readonly kind: 'synced'; readonly repeat?: boolean }
  | { readonly kind: 'rejected'; readonly reason: RejectionReason }
  | { readonly kind: 'retry' };

/**
 * Records what the server said about claimed items. `synced` is a fact whoever holds the claim
 * now; `rejected` and `retry` apply only while this engine still holds it (otherwise another
 * engine took over an expired lease and will record its own answer). Twice: same end state.
 */
export async function applyOutcomes(
  db: OutboxDatabase,
  engineId: string,
  outcomes: ReadonlyMap<string, ItemOutcome>,
  now: number,
): Promise<void> {
  await db.transaction('rw', db.items, async () => {
    const items = await db.items.bulkGet([...outcomes.keys()]);
    for (const item of items) {
      if (item === undefined) continue;
      const outcome = outcomes.get(item.id);
      if (outcome === undefined || item.state === 'synced') continue;
      if (outcome.kind === 'synced') {
        if (item.state !== 'sending' && item.state !== 'queued') continue;
        await db.items.update(item.id, {
          state: 'synced',
          syncedAt: now,
          updatedAt: now,
          leaseUntil: undefined,
          claimedBy: undefined,
          reason: undefined,
          // Shown in the outbox list: kept on the server, not counted again.
          ...(outcome.repeat ? { repeat: true } : {}),
        });
        continue;
      }
      if (item.state !== 'sending' || item.claimedBy !== engineId) continue;
      await db.items.update(
        item.id,
        outcome.kind === 'rejected'
          ? {
              state: 'rejected',
              reason: outcome.reason,
              updatedAt: now,
              leaseUntil: undefined,
              claimedBy: undefined,
            }
          : { state: 'queued', leaseUntil: undefined, claimedBy: undefined },
      );
    }
  });
}

/**
 * Removes the answers of items synced longer ago than `graceMs`, keeping per-community counts.
 * Only `synced` rows are ever deleted here. Twice: the second call finds nothing to purge.
 */
export async function purgeSynced(
  db: OutboxDatabase,
  now: number,
  graceMs = SYNCED_GRACE_MS,
): Promise<number> {
  return db.transaction('rw', db.items, db.counts, async () => {
    const expired = await db.items
      .where('state')
      .equals('synced')
      .filter((item) => (item.syncedAt ?? 0) <= now - graceMs)
      .toArray();
    for (const item of expired) {
      const key = `${item.kind}:${item.communityCode}`;
      const current = await db.counts.get(key);
      await db.counts.put({
        key,
        kind: item.kind,
        communityCode: item.communityCode,
        count: (current?.count ?? 0) + 1,
      });
    }
    await db.items.bulkDelete(expired.map((item) => item.id));
    return expired.length;
  });
}
