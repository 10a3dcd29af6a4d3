import type { Db } from '../db/open.ts';
import { errorBody } from '../errors.ts';
import type { AuditRecord, AuditRepository } from '../repositories/audit.ts';
import type { CommunitiesRepository } from '../repositories/communities.ts';
import type { Source, SubmissionsRepository } from '../repositories/submissions.ts';
import type { YearsRepository } from '../repositories/years.ts';
import { assessmentYearOf, type YearFacts } from './assessment-year.ts';
import { groupCommit } from './group-commit.ts';
import {
  type InvalidItem,
  type ItemFacts,
  type ItemResult,
  type ItemStatus,
  type PreparedItem,
  prepareItems,
} from './prepare-items.ts';

export type { ItemResult, ItemStatus };

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
  /**
   * A resident's QR answer: its coarse client fingerprint under the salt of the assessment year
   * the answer lands in (decided here), stored with the response.
   */
  fingerprintFor?: (assessmentYear: number) => string;
}

export type SyncItemKind = ItemFacts['kind'];

export interface IngestLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The audit row a request writes with its batch, made from the batch's results. */
export type BatchAudit = (results: readonly ItemResult[]) => AuditRecord;

export function createIngest(deps: {
  db: Db;
  submissions: SubmissionsRepository;
  communities: CommunitiesRepository;
  audit: AuditRepository;
  years: YearsRepository;
}) {
  const { db, submissions, communities, audit, years } = deps;

  function storeNew(
    item: ItemFacts,
    content: string,
    contentHash: string,
    ctx: IngestContext,
    assessmentYear: number,
  ): ItemResult {
    // What every kind of record stores, with the kind's own fields assigned onto it: on Node 20
    // (V8 11) `{ ...common, id, … }` takes a slow path, ~1 µs per property added after the
    // spread (~12 µs a response here); Object.assign onto a plain object does not.
    const common = {
      assessmentYear,
      receivedAt: ctx.receivedAt,
      userId: ctx.userId,
      sessionId: ctx.sessionId,
      source: ctx.source,
      exportedBy: ctx.exportedBy,
      id: item.id,
      contentHash,
      content,
      communityCode: item.communityCode,
      collectedAt: item.collectedAt,
    };
    if (item.kind === 'survey') {
      const counted = submissions.insertResponse(
        Object.assign(common, {
          householdKey: item.householdKey,
          channel: item.channel,
          collectedDay: item.collectedDay,
          score: item.score,
          startedAt: item.startedAt,
          answerChanges: item.answerChanges,
          fingerprint: ctx.fingerprintFor?.(assessmentYear) ?? null,
        }),
      );
      return { id: item.id, status: 'accepted', repeat: !counted };
    }
    if (item.kind === 'visit') {
      // A visit never counts toward coverage: it is stored beside the responses, not among them.
      submissions.insertVisit(
        Object.assign(common, {
          householdKey: item.householdKey,
          outcome: item.outcome,
          collectedDay: item.collectedDay,
        }),
      );
      return { id: item.id, status: 'accepted' };
    }
    submissions.insertInterview(
      Object.assign(common, {
        group: item.group,
        method: item.method,
        view: item.view,
        date: item.date,
      }),
    );
    return { id: item.id, status: 'accepted' };
  }

  // A savepoint per item: an item's writes land together or not at all, and one item's failure
  // leaves the rest of the batch in place.
  const ingestOne = db.transaction(
    (
      item: ItemFacts,
      content: string,
      contentHash: string,
      ctx: IngestContext,
      known: Map<string, boolean>,
      yearFacts: readonly YearFacts[],
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
      // December's item synced in January lands in December's year; it is refused only once
      // that year is locked (a 4xx: the phone keeps it, marked, and the office sees why).
      const year = assessmentYearOf(
        {
          questionnaireVersion: item.kind === 'survey' ? item.questionnaireVersion : undefined,
          collectedAt: item.collectedAt,
          collectedDay: item.kind === 'interview' ? undefined : item.collectedDay,
        },
        yearFacts,
      );
      if (year.state === 'locked') {
        return {
          id: item.id,
          status: 'rejected',
          error: errorBody(
            'year_locked',
            undefined,
            `这条记录属于 ${year.year} 年度，该年度考核已锁定，不再接收记录；请保留手机上的这条记录并告知考核专班`,
          ),
        };
      }
      return storeNew(item, content, contentHash, ctx, year.year);
    },
  );

  /**
   * An item the schema now refuses may still be one the server accepted before (the rules
   * were tightened since the phone saved it): a retry of exactly that content is a duplicate,
   * so the phone can let it go. Schemas never transform, so the raw text hashes as stored.
   */
  function alreadyStored(p: InvalidItem): ItemResult {
    if (p.rawHash === null) return p.result;
    const stored = submissions.find(p.result.id);
    if (!stored || stored.contentHash !== p.rawHash) return p.result;
    return {
      id: p.result.id,
      status: 'duplicate',
      ...(stored.kind === 'survey' ? { repeat: !stored.counted } : {}),
    };
  }

  interface Batch {
    prepared: PreparedItem[];
    ctx: IngestContext;
    log: IngestLogger;
    audit?: BatchAudit;
  }

  function store(batch: Batch): ItemResult[] {
    const known = new Map<string, boolean>();
    // Read inside the batch's transaction: a year locked or opened meanwhile is seen at once.
    const yearFacts = years.facts();
    const results = batch.prepared.map((p): ItemResult => {
      if (!p.valid) return alreadyStored(p);
      try {
        return ingestOne(p.facts, p.content, p.hash, batch.ctx, known, yearFacts);
      } catch (err) {
        // A constraint this item breaks is about the item: refuse it, keep the rest. Anything
        // else (disk full, I/O error, read-only database) is about the server: fail the whole
        // transaction, so nothing in it is acked and every phone in it retries later with backoff.
        if (!String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT')) {
          throw err;
        }
        batch.log.error({ err, itemId: p.facts.id }, 'storing a sync item failed');
        // Not the item's fault as far as anyone can tell: the phone keeps it and tries again.
        return { id: p.facts.id, status: 'retry', error: errorBody('internal_error') };
      }
    });
    // The request's audit row commits with its items or not at all.
    if (batch.audit) audit.record(batch.audit(results));
    return results;
  }

  const commit = groupCommit(db, store);

  /**
   * Stores a prepared batch (prepare-items.ts) and answers one result per item, in order, once
   * every accepted item is on disk (the transaction holding them has committed). `auditRow`,
   * when given, is written in that same transaction from the batch's results.
   */
  async function ingestPrepared(
    prepared: PreparedItem[],
    ctx: IngestContext,
    log: IngestLogger,
    auditRow?: BatchAudit,
  ): Promise<ItemResult[]> {
    const results = await commit(
      { prepared, ctx, log, ...(auditRow ? { audit: auditRow } : {}) },
      prepared.length,
      log,
    );
    for (const r of results) {
      if (r.status === 'conflict') {
        log.warn({ itemId: r.id, userId: ctx.userId, source: ctx.source }, 'sync id conflict');
      }
    }
    return results;
  }

  /** Validates, hashes and stores a batch: ingestPrepared of prepareItems. */
  async function ingest(
    items: readonly unknown[],
    ctx: IngestContext,
    log: IngestLogger,
    auditRow?: BatchAudit,
  ): Promise<ItemResult[]> {
    return ingestPrepared(prepareItems(items, ctx.receivedAt), ctx, log, auditRow);
  }

  return { ingest, ingestPrepared };
}

export type Ingest = ReturnType<typeof createIngest>['ingest'];
export type IngestPrepared = ReturnType<typeof createIngest>['ingestPrepared'];

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
