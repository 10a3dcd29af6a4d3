import type { SyncItem } from '@jiuting/questionnaire';
import Dexie from 'dexie';
import type { OutboxDatabase } from './db.ts';
import { newId } from './ids.ts';
import { newDraft, type OutboxEvent, transition, tryTransition } from './transitions.ts';
import type { ItemKind, OutboxItem, RejectionReason, SendingItem, SyncedCount } from './types.ts';

// Every write to the outbox. Each function is one Dexie transaction with no network call inside
// it (a fetch or foreign promise would let IndexedDB commit the transaction half-way). Each says
// what running it twice does, because tabs, retries and crashes do run things twice. What an
// item becomes is decided by `transition` (transitions.ts); here rows are read and written, each
// batch in one bulkPut, reading through the indexes of schema version 3 so that a write costs
// the same with 10 items queued or 10,000.

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
      await db.items.add(newDraft(input, now));
      return true;
    }
    const edited = tryTransition(existing, {
      type: 'edit',
      form: input.form,
      communityCode: input.communityCode,
      at: now,
    });
    if (edited === undefined) return false;
    await db.items.put(edited);
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
    const existing =
      (await db.items.get(input.id)) ??
      newDraft({ ...input, communityCode: input.payload.communityCode }, now);
    if (existing.state !== 'draft' && existing.state !== 'rejected') return existing;
    const syncId =
      existing.reason?.status === 'conflict' ? newId() : (existing.payload?.id ?? input.payload.id);
    const item = transition(existing, {
      type: 'submit',
      form: input.form,
      payload: { ...input.payload, id: syncId },
      ...(input.collectedBy ? { collectedBy: input.collectedBy } : {}),
      at: now,
    });
    await db.items.put(item);
    return item;
  });
}

/** Sends a rejected item again as it is (e.g. after the server fixed an assignment). Twice: no-op. */
export async function resend(db: OutboxDatabase, id: string, now: number): Promise<boolean> {
  return db.transaction('rw', db.items, async () => {
    const existing = await db.items.get(id);
    if (existing?.state !== 'rejected') return false;
    const payload =
      existing.reason.status === 'conflict'
        ? { ...existing.payload, id: newId() }
        : existing.payload;
    await db.items.put(transition(existing, { type: 'resend', payload, at: now }));
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
  /**
   * With `takeOverClaims`: the claim is not written; the Web Lock is the claim. No other run can
   * send while the lock is held, so writing every item as `sending` and then again with its
   * outcome only doubled the writes of a drain (issue 17 §3). The outcomes are then recorded with
   * `claimedInMemory`, which applies the same claim first, so the rows end as a written claim
   * would have left them. Should the tab die mid-request its items are still queued, and their
   * resend comes back `duplicate`, which is synced.
   */
  readonly inMemory?: boolean;
}

const encoder = new TextEncoder();

/** Bytes an item adds to a POST /api/sync body. */
export function payloadBytes(payload: SyncItem | undefined): number {
  return encoder.encode(JSON.stringify(payload ?? null)).length + 1;
}

/**
 * The oldest `limit` items in one state (of one collector), oldest first, read through the
 * [state+queuedAt] indexes: only the rows returned (and any `skip`ped) are read.
 */
function oldestIn<S extends 'queued' | 'sending'>(
  db: OutboxDatabase,
  state: S,
  collector: string | undefined,
  limit: number,
  skip: ((item: OutboxItem) => boolean) | undefined,
): Promise<OutboxItem[]> {
  const range =
    collector === undefined
      ? db.items
          .where('[state+queuedAt]')
          .between([state, Dexie.minKey], [state, Dexie.maxKey], true, true)
      : db.items
          .where('[collectedBy+state+queuedAt]')
          .between([collector, state, Dexie.minKey], [collector, state, Dexie.maxKey], true, true);
  // Without a filter Dexie reads the rows with one getAll instead of a cursor step per row.
  return (skip === undefined ? range : range.filter((item) => !skip(item))).limit(limit).toArray();
}

/**
 * Claims up to `limit` items to send: queued ones, and sending ones whose lease expired (a tab
 * that crashed mid-send), oldest first. The read and the write are one IndexedDB transaction, and
 * IndexedDB never runs two read-write transactions on one store at once — across tabs too — so
 * two engines can never claim the same item. Twice: the second call gets other items or none.
 */
export async function claimBatch(
  db: OutboxDatabase,
  engineId: string,
  now: number,
  leaseMs: number,
  limit: number,
  options: ClaimOptions = {},
): Promise<SendingItem[]> {
  // An in-memory claim only reads: a read-only transaction, which wakes no live query.
  return db.transaction(claimsInMemory(options) ? 'r' : 'rw', db.items, () =>
    claimWithin(db, engineId, now, leaseMs, limit, options),
  );
}

/** claimBatch's read and write, inside a transaction the caller holds. */
async function claimWithin(
  db: OutboxDatabase,
  engineId: string,
  now: number,
  leaseMs: number,
  limit: number,
  options: ClaimOptions,
): Promise<SendingItem[]> {
  const { collector, maxBytes = Number.POSITIVE_INFINITY, exclude, takeOverClaims } = options;
  const claim = claimEvent(engineId, now, leaseMs, takeOverClaims === true);
  const excluded =
    exclude === undefined || exclude.size === 0
      ? undefined
      : (item: OutboxItem) => exclude.has(item.id);
  const [queued, stale] = await Promise.all([
    oldestIn(db, 'queued', collector, limit, excluded),
    oldestIn(
      db,
      'sending',
      collector,
      limit,
      takeOverClaims
        ? excluded
        : (item) => excluded?.(item) === true || !tryTransition(item, claim),
    ),
  ]);
  const candidates = mergeOldestFirst(queued, stale);
  const claimed: SendingItem[] = [];
  let bytes = 0;
  for (const item of candidates) {
    if (claimed.length >= limit) break;
    const size = payloadBytes(item.payload);
    if (claimed.length > 0 && bytes + size > maxBytes) break;
    bytes += size;
    claimed.push(transition(item, claim) as SendingItem);
  }
  if (!claimsInMemory(options)) await db.items.bulkPut(claimed);
  return claimed;
}

function claimsInMemory(options: ClaimOptions): boolean {
  return options.inMemory === true && options.takeOverClaims === true;
}

function claimEvent(
  engineId: string,
  now: number,
  leaseMs: number,
  takeOver: boolean,
): OutboxEvent {
  return { type: 'claim', engineId, leaseUntil: now + leaseMs, at: now, takeOver };
}

/** Two lists each oldest first, as one: queued before sending when equally old, as before. */
function mergeOldestFirst(queued: OutboxItem[], stale: OutboxItem[]): OutboxItem[] {
  if (stale.length === 0) return queued;
  const at = (item: OutboxItem) => item.queuedAt ?? 0;
  const merged: OutboxItem[] = [];
  let i = 0;
  let j = 0;
  while (i < queued.length || j < stale.length) {
    const a = queued[i];
    const b = stale[j];
    if (b === undefined || (a !== undefined && at(a) <= at(b))) {
      merged.push(a as OutboxItem);
      i += 1;
    } else {
      merged.push(b);
      j += 1;
    }
  }
  return merged;
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
    const released = mine.map((item) => transition(item, { type: 'release', engineId }));
    await db.items.bulkPut(released);
    return released.length;
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
    await db.items.bulkPut(ownerless.map((item) => transition(item, { type: 'adopt', collector })));
    return ownerless.length;
  });
}

export type ItemOutcome =
  | { readonly kind: 'synced'; readonly repeat?: boolean }
  | { readonly kind: 'rejected'; readonly reason: RejectionReason }
  | { readonly kind: 'retry' };

/** The event an outcome is for this engine. */
function outcomeEvent(outcome: ItemOutcome, engineId: string, now: number): OutboxEvent {
  switch (outcome.kind) {
    case 'synced':
      return outcome.repeat
        ? { type: 'accept', at: now, repeat: true }
        : { type: 'accept', at: now };
    case 'rejected':
      return { type: 'reject', engineId, reason: outcome.reason, at: now };
    case 'retry':
      return { type: 'retry', engineId };
  }
}

/**
 * The items a batch's outcomes change, and what each becomes. `synced` is a fact whoever holds
 * the claim now; `rejected` and `retry` apply only while this engine still holds it (otherwise
 * another engine took over an expired lease and will record its own answer): `tryTransition`
 * refuses the rest. Pure, so the one-transaction write and the one-by-one order can be compared.
 */
export function outcomeChanges(
  items: ReadonlyArray<OutboxItem | undefined>,
  engineId: string,
  outcomes: ReadonlyMap<string, ItemOutcome>,
  now: number,
  claimedInMemory = false,
): OutboxItem[] {
  // The claim the run kept in memory (ClaimOptions.inMemory), as claimBatch would have written it.
  const claim = claimedInMemory ? claimEvent(engineId, now, 0, true) : undefined;
  const changed: OutboxItem[] = [];
  for (const item of items) {
    const outcome = item && outcomes.get(item.id);
    if (item === undefined || outcome === undefined) continue;
    const held = (claim && tryTransition(item, claim)) ?? item;
    const next = tryTransition(held, outcomeEvent(outcome, engineId, now));
    if (next !== undefined) changed.push(next);
  }
  return changed;
}

/**
 * Records what the server said about claimed items, in one transaction: one bulkGet, one
 * bulkPut. `claimedInMemory`: the items were claimed with `inMemory` under the Web Lock.
 * Twice: same end state (a synced item stays synced; a claim already answered is no longer
 * this engine's; an in-memory claim answered `retry` counts one more attempt).
 */
export async function applyOutcomes(
  db: OutboxDatabase,
  engineId: string,
  outcomes: ReadonlyMap<string, ItemOutcome>,
  now: number,
  claimedInMemory = false,
): Promise<void> {
  await db.transaction('rw', db.items, async () => {
    const items = await db.items.bulkGet([...outcomes.keys()]);
    await db.items.bulkPut(outcomeChanges(items, engineId, outcomes, now, claimedInMemory));
  });
}

/**
 * applyOutcomes and then claimBatch, in one transaction: a drain of a long queue spends one
 * IndexedDB transaction per batch instead of two. Twice: as each of the two.
 */
export async function applyOutcomesAndClaim(
  db: OutboxDatabase,
  engineId: string,
  outcomes: ReadonlyMap<string, ItemOutcome>,
  now: number,
  leaseMs: number,
  limit: number,
  options: ClaimOptions = {},
): Promise<SendingItem[]> {
  return db.transaction('rw', db.items, async () => {
    const items = await db.items.bulkGet([...outcomes.keys()]);
    await db.items.bulkPut(outcomeChanges(items, engineId, outcomes, now, claimsInMemory(options)));
    return claimWithin(db, engineId, now, leaseMs, limit, options);
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
      .where('[state+syncedAt]')
      .between(['synced', Dexie.minKey], ['synced', now - graceMs], true, true)
      .toArray();
    const added = new Map<string, SyncedCount>();
    for (const item of expired) {
      const key = `${item.kind}:${item.communityCode}`;
      const entry = added.get(key) ?? {
        key,
        kind: item.kind,
        communityCode: item.communityCode,
        count: 0,
      };
      entry.count += 1;
      added.set(key, entry);
    }
    const current = await db.counts.bulkGet([...added.keys()]);
    await db.counts.bulkPut(
      [...added.values()].map((entry, i) => ({
        ...entry,
        count: entry.count + (current[i]?.count ?? 0),
      })),
    );
    await db.items.bulkDelete(expired.map((item) => item.id));
    return expired.length;
  });
}
