import {
  fieldIssues,
  householdKey,
  type InterviewRecord,
  type SurveyResponse,
  SyncItemSchema,
  scoreSurvey,
} from '@jiuting/questionnaire';
import type { Db } from '../db/open.ts';
import { canonicalJson, sha256Hex } from '../domain/canonical-json.ts';
import { type ErrorBody, errorBody } from '../errors.ts';
import type { CommunitiesRepository } from '../repositories/communities.ts';
import type { Source, SubmissionsRepository } from '../repositories/submissions.ts';

export type ItemStatus = 'accepted' | 'duplicate' | 'conflict' | 'rejected';

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
}

export interface IngestLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The local date in Shanghai (UTC+8, no daylight saving) of an ISO time with any offset. */
export function shanghaiDay(isoTime: string): string {
  return new Date(Date.parse(isoTime) + 8 * 3600_000).toISOString().slice(0, 10);
}

function idOf(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 64) : '';
}

export function createIngest(deps: {
  db: Db;
  submissions: SubmissionsRepository;
  communities: CommunitiesRepository;
}) {
  const { db, submissions, communities } = deps;

  function storeNew(
    item: SurveyResponse | InterviewRecord,
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
      });
      return { id: item.id, status: 'accepted', repeat: !counted };
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
      item: SurveyResponse | InterviewRecord,
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
        return { id: item.id, status: 'conflict', error: errorBody('id_conflict') };
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
  function alreadyStored(raw: unknown, rejected: ItemResult): ItemResult {
    if (rejected.id === '') return rejected;
    const stored = submissions.find(rejected.id);
    if (!stored || stored.contentHash !== sha256Hex(canonicalJson(raw))) return rejected;
    return {
      id: rejected.id,
      status: 'duplicate',
      ...(stored.kind === 'survey' ? { repeat: !stored.counted } : {}),
    };
  }

  /**
   * Takes a batch and answers one result per item, in order. The whole batch is one
   * transaction (one fsync), so once the answer is sent every accepted item is on disk.
   */
  function ingest(items: readonly unknown[], ctx: IngestContext, log: IngestLogger): ItemResult[] {
    type Prepared =
      | { valid: false; result: ItemResult }
      | { valid: true; item: SurveyResponse | InterviewRecord; content: string; hash: string };
    const prepared = items.map((raw): Prepared => {
      const parsed = SyncItemSchema.safeParse(raw);
      if (!parsed.success) {
        return {
          valid: false,
          result: {
            id: idOf(raw),
            status: 'rejected',
            error: errorBody('validation_failed', fieldIssues(parsed.error)),
          },
        };
      }
      const content = canonicalJson(parsed.data);
      return { valid: true, item: parsed.data, content, hash: sha256Hex(content) };
    });
    const known = new Map<string, boolean>();
    const results = db.transaction(() =>
      prepared.map((p, index): ItemResult => {
        if (!p.valid) return alreadyStored(items[index], p.result);
        try {
          return ingestOne(p.item, p.content, p.hash, ctx, known);
        } catch (err) {
          // A constraint this item breaks is about the item: refuse it, keep the rest. Anything
          // else (disk full, I/O error, read-only database) is about the server: fail the whole
          // batch, so nothing is acked and the phone retries later with backoff.
          if (!String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT')) {
            throw err;
          }
          log.error({ err, itemId: p.item.id }, 'storing a sync item failed');
          return { id: p.item.id, status: 'rejected', error: errorBody('internal_error') };
        }
      }),
    )();
    for (const r of results) {
      if (r.status === 'conflict') {
        log.warn({ itemId: r.id, userId: ctx.userId, source: ctx.source }, 'sync id conflict');
      }
    }
    return results;
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
  };
  for (const r of results) counts[r.status] += 1;
  return counts;
}
