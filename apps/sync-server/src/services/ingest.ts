import {
  collectionTimeIssues,
  fieldIssues,
  householdKey,
  type SyncItem,
  SyncItemSchema,
  scoreSurvey,
  shanghaiDay,
} from '@jiuting/questionnaire';
import type { Db } from '../db/open.ts';
import { assessmentYearOf } from '../domain/assessment-year.ts';
import { canonicalJson, sha256Hex, TooDeepError } from '../domain/canonical-json.ts';
import { type ErrorBody, errorBody } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.ts';
import type { CommunitiesRepository } from '../repositories/communities.ts';
import type { Source, SubmissionsRepository } from '../repositories/submissions.ts';

/**
 * `retry`: the server failed on this item (not the item's fault); the phone keeps it queued and
 * sends it again later. Every other item of the batch is answered as usual.
 */
export type ItemStatus = 'accepted' | 'duplicate' | 'conflict' | 'rejected' | 'retry';

export interface ItemResult {
  id: string;
  status: ItemStatus;
  error?: ErrorBody;
  /** Surveys only: false when this response is its household's counted one. */
  repeat?: boolean;
}

export interface IngestContext {
  receivedAt: string;
  userId: string | null;
  sessionId: string | null;
  source: Source;
  exportedBy: string | null;
  /** Communities the sender may submit for; 'all' for coordinators and admins. */
  communities: ReadonlySet<string> | 'all';
  /** The kinds of record the sender may file (see kindsFor in repositories/users.ts). */
  kinds: ReadonlySet<SyncItemKind>;
  /** A resident's QR answer: the coarse client fingerprint, stored with the response. */
  fingerprint?: string | null;
}

export type SyncItemKind = SyncItem['kind'];

export interface IngestLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

function idOf(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 64) : '';
}

/** Requests join one transaction until it holds this many items (a single larger batch still goes alone). */
const MAX_GROUP_ITEMS = 2000;

export function createIngest(deps: {
  db: Db;
  submissions: SubmissionsRepository;
  communities: CommunitiesRepository;
  audit: AuditRepository;
}) {
  const { db, submissions, communities, audit } = deps;

  function storeNew(
    item: SyncItem,
    content: string,
    contentHash: string,
    ctx: IngestContext,
  ): ItemResult {
    const provenance = {
      receivedAt: ctx.receivedAt,
      userId: ctx.userId,
      sessionId: ctx.sessionId,
      source: ctx.source,
      exportedBy: ctx.exportedBy,
    };
    if (item.kind === 'survey') {
      const counted = submissions.insertResponse({
        ...provenance,
        id: item.id,
        contentHash,
        content,
        communityCode: item.communityCode,
        // The schema has already refused an address householdKey cannot read.
        householdKey: householdKey(item.householdAddress) as string,
        channel: item.channel,
        collectedAt: item.collectedAt,
        collectedDay: shanghaiDay(item.collectedAt),
        score: scoreSurvey(item.answers).total,
        startedAt: item.paradata?.startedAt ?? null,
        answerChanges: item.paradata?.answerChanges ?? null,
        fingerprint: ctx.fingerprint ?? null,
      });
      return { id: item.id, status: 'accepted', repeat: !counted };
    }
    if (item.kind === 'visit') {
      // A visit never counts toward coverage: it is stored beside the responses, not among them.
      submissions.insertVisit({
        ...provenance,
        id: item.id,
        contentHash,
        content,
        communityCode: item.communityCode,
        householdKey: householdKey(item.householdAddress) as string,
        outcome: item.outcome,
        collectedAt: item.collectedAt,
        collectedDay: shanghaiDay(item.collectedAt),
        assessmentYear: assessmentYearOf(item.collectedAt),
      });
      return { id: item.id, status: 'accepted' };
    }
    submissions.insertInterview({
      ...provenance,
      id: item.id,
      contentHash,
      content,
      communityCode: item.communityCode,
      group: item.group,
      method: item.method,
      view: item.view,
      date: item.date,
      collectedAt: item.collectedAt,
    });
    return { id: item.id, status: 'accepted' };
  }

  // A savepoint per item: an item's writes land together or not at all, and one item's failure
  // leaves the rest of the batch in place.
  const ingestOne = db.transaction(
    (
      item: SyncItem,
      content: string,
      contentHash: string,
      ctx: IngestContext,
      known: Map<string, boolean>,
    ): ItemResult => {
      const stored = submissions.find(item.id);
      if (stored) {
        if (stored.contentHash === contentHash && stored.kind === item.kind) {
          return {
            id: item.id,
            status: 'duplicate',
            ...(item.kind === 'survey' ? { repeat: !stored.counted } : {}),
          };
        }
        // Kept where coordinators see it (GET /api/sync-conflicts), in the batch's transaction:
        // two records under one id mean a phone or a file to look into.
        audit.record({
          at: ctx.receivedAt,
          actorUserId: ctx.userId,
          action: 'sync_conflict',
          target: item.id,
          detail: {
            sessionId: ctx.sessionId,
            source: ctx.source,
            kind: item.kind,
            communityCode: item.communityCode,
            storedHash: stored.contentHash,
            receivedHash: contentHash,
          },
        });
        return { id: item.id, status: 'conflict', error: errorBody('id_conflict') };
      }
      if (!ctx.kinds.has(item.kind)) {
        return { id: item.id, status: 'rejected', error: errorBody('kind_not_allowed') };
      }
      let exists = known.get(item.communityCode);
      if (exists === undefined) {
        exists = communities.get(item.communityCode) !== undefined;
        known.set(item.communityCode, exists);
      }
      if (!exists) {
        return {
          id: item.id,
          status: 'rejected',
          error: errorBody('community_unknown', [
            { path: 'communityCode', message: `没有编号为 ${item.communityCode} 的居民区` },
          ]),
        };
      }
      if (ctx.communities !== 'all' && !ctx.communities.has(item.communityCode)) {
        return { id: item.id, status: 'rejected', error: errorBody('community_not_assigned') };
      }
      return storeNew(item, content, contentHash, ctx);
    },
  );

  /**
   * An item the schema now refuses may still be one the server accepted before (the rules
   * were tightened since the phone saved it): a retry of exactly that content is a duplicate,
   * so the phone can let it go. Schemas never transform, so the raw text hashes as stored.
   */
  function alreadyStored(p: Invalid): ItemResult {
    if (p.rawHash === null) return p.result;
    const stored = submissions.find(p.result.id);
    if (!stored || stored.contentHash !== p.rawHash) return p.result;
    return {
      id: p.result.id,
      status: 'duplicate',
      ...(stored.kind === 'survey' ? { repeat: !stored.counted } : {}),
    };
  }

  /** The hash of a refused item as sent, or null when it cannot be a stored item's. */
  function rawHashOf(raw: unknown, id: string): string | null {
    if (id === '') return null;
    try {
      return sha256Hex(canonicalJson(raw));
    } catch (err) {
      // Deeper than any item ever accepted: it was never stored, so it is simply refused.
      if (err instanceof TooDeepError) return null;
      throw err;
    }
  }

  interface Invalid {
    valid: false;
    result: ItemResult;
    rawHash: string | null;
  }
  type Prepared = Invalid | { valid: true; item: SyncItem; content: string; hash: string };

  /** Validation and hashing need no database: done as a request arrives, outside any transaction. */
  function prepare(items: readonly unknown[], receivedAt: string): Prepared[] {
    return items.map((raw): Prepared => {
      const parsed = SyncItemSchema.safeParse(raw);
      const issues = parsed.success
        ? collectionTimeIssues(parsed.data, receivedAt)
        : fieldIssues(parsed.error);
      if (!parsed.success || issues.length > 0) {
        const id = idOf(raw);
        return {
          valid: false,
          result: { id, status: 'rejected', error: errorBody('validation_failed', issues) },
          rawHash: rawHashOf(raw, id),
        };
      }
      const content = canonicalJson(parsed.data);
      return { valid: true, item: parsed.data, content, hash: sha256Hex(content) };
    });
  }

  interface Waiting {
    itemCount: number;
    prepared: Prepared[];
    ctx: IngestContext;
    log: IngestLogger;
    resolve(results: ItemResult[]): void;
    reject(err: unknown): void;
  }

  function store(w: Waiting): ItemResult[] {
    const known = new Map<string, boolean>();
    return w.prepared.map((p): ItemResult => {
      if (!p.valid) return alreadyStored(p);
      try {
        return ingestOne(p.item, p.content, p.hash, w.ctx, known);
      } catch (err) {
        // A constraint this item breaks is about the item: refuse it, keep the rest. Anything
        // else (disk full, I/O error, read-only database) is about the server: fail the whole
        // transaction, so nothing in it is acked and every phone in it retries later with backoff.
        if (!String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT')) {
          throw err;
        }
        w.log.error({ err, itemId: p.item.id }, 'storing a sync item failed');
        // Not the item's fault as far as anyone can tell: the phone keeps it and tries again.
        return { id: p.item.id, status: 'retry', error: errorBody('internal_error') };
      }
    });
  }

  const storeGroup = db.transaction((group: readonly Waiting[]) => group.map(store));

  /**
   * Commits a group. When its transaction fails, each batch goes again alone, once, so one
   * poison batch fails only its own request and the phones sharing its group are answered as
   * usual. A fault that is the server's (disk full, read-only database) fails them all again.
   */
  function commit(group: readonly Waiting[]): void {
    let results: ItemResult[][];
    try {
      results = storeGroup(group);
    } catch (err) {
      if (group.length === 1) {
        (group[0] as Waiting).reject(err);
        return;
      }
      (group[0] as Waiting).log.warn(
        { err, batches: group.length },
        'group commit failed; storing each batch alone',
      );
      for (const w of group) commit([w]);
      return;
    }
    group.forEach((w, i) => {
      answer(w, results[i] as ItemResult[]);
    });
  }

  function answer(w: Waiting, mine: ItemResult[]): void {
    for (const r of mine) {
      if (r.status === 'conflict') {
        w.log.warn(
          { itemId: r.id, userId: w.ctx.userId, source: w.ctx.source },
          'sync id conflict',
        );
      }
    }
    w.resolve(mine);
  }

  // Group commit. A commit waits for the disk (synchronous=FULL), and while it does the event
  // loop stands still, so requests arriving meanwhile pile up. They are all stored in the next
  // transaction, one commit for all of them, in arrival order (so of two batches carrying the
  // same item the first stores it and the second finds it: a duplicate). Each request is
  // answered only once the transaction holding its items has committed; if that transaction
  // fails, each request in it is stored again alone (see commit), and one that fails alone is
  // answered 500 and its phone retries, which is safe because sync is idempotent. A request that finds the writer idle (no commit since the event loop last went
  // round) is stored at once, alone: it waits for nobody, and two phones that happen to send at
  // the same moment are answered one after the other rather than always together (which kept
  // them in lock-step and cost a quarter of the throughput with two senders).
  let waiting: Waiting[] = [];
  let flushScheduled = false;
  // Set by each commit until the event loop has gone round: a request handled meanwhile arrived
  // while the writer was busy.
  let writerBusy = false;

  function noteCommit(): void {
    if (writerBusy) return;
    writerBusy = true;
    setImmediate(() => {
      writerBusy = false;
    });
  }

  function flush(): void {
    flushScheduled = false;
    // A bounded group keeps one transaction's time (and so the first request's wait) in check.
    let items = 0;
    let taken = 0;
    while (taken < waiting.length && (taken === 0 || items < MAX_GROUP_ITEMS)) {
      items += (waiting[taken] as Waiting).itemCount;
      taken += 1;
    }
    const group = waiting.slice(0, taken);
    waiting = waiting.slice(taken);
    if (waiting.length > 0) scheduleFlush();
    try {
      commit(group);
    } finally {
      noteCommit();
    }
  }

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  }

  /**
   * Takes a batch and answers one result per item, in order, once every accepted item is on
   * disk (the transaction holding them has committed).
   */
  function ingest(
    items: readonly unknown[],
    ctx: IngestContext,
    log: IngestLogger,
  ): Promise<ItemResult[]> {
    const prepared = prepare(items, ctx.receivedAt);
    return new Promise((resolve, reject) => {
      const idle = waiting.length === 0 && !writerBusy;
      waiting.push({ itemCount: items.length, prepared, ctx, log, resolve, reject });
      if (idle) flush();
      else scheduleFlush();
    });
  }

  return { ingest };
}

export type Ingest = ReturnType<typeof createIngest>['ingest'];

export function countStatuses(results: readonly ItemResult[]): Record<ItemStatus, number> {
  const counts: Record<ItemStatus, number> = {
    accepted: 0,
    duplicate: 0,
    conflict: 0,
    rejected: 0,
    retry: 0,
  };
  for (const r of results) counts[r.status] += 1;
  return counts;
}
