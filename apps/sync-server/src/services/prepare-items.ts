import {
  collectionTimeIssues,
  fieldIssues,
  householdKey,
  type SyncItem,
  SyncItemSchema,
  scoreResponse,
  shanghaiDay,
} from '@jiuting/questionnaire';
import { type ErrorBody, errorBody } from '../errors.ts';
import { canonicalJson, sha256Hex, TooDeepError } from '../json/canonical-json.ts';

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

/**
 * What storing an item needs from it beyond its stored text, worked out without the database:
 * flat values only (the answers themselves are read from `content`).
 */
export type ItemFacts =
  | {
      kind: 'survey';
      id: string;
      communityCode: string;
      collectedAt: string;
      collectedDay: string;
      questionnaireVersion: number;
      householdKey: string;
      channel: string;
      /** By the edition the item names: last year's item keeps last year's points. */
      score: number;
      startedAt: string | null;
      answerChanges: number | null;
    }
  | {
      kind: 'visit';
      id: string;
      communityCode: string;
      collectedAt: string;
      collectedDay: string;
      householdKey: string;
      outcome: string;
    }
  | {
      kind: 'interview';
      id: string;
      communityCode: string;
      collectedAt: string;
      group: string;
      method: string;
      view: string;
      date: string;
    };

export interface InvalidItem {
  valid: false;
  result: ItemResult;
  /** The item's hash as sent, or null when it cannot be a stored item's. */
  rawHash: string | null;
}

export interface ValidItem {
  valid: true;
  facts: ItemFacts;
  /** The canonical JSON stored, and its sha256 (how a retry is told from a conflict). */
  content: string;
  hash: string;
}

export type PreparedItem = InvalidItem | ValidItem;

function idOf(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 64) : '';
}

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

function factsOf(item: SyncItem): ItemFacts {
  const { id, communityCode, collectedAt } = item;
  if (item.kind === 'survey') {
    return {
      kind: 'survey',
      id,
      communityCode,
      collectedAt,
      collectedDay: shanghaiDay(collectedAt),
      questionnaireVersion: item.questionnaireVersion,
      // The schema has already refused an address householdKey cannot read.
      householdKey: householdKey(item.householdAddress) as string,
      channel: item.channel,
      score: scoreResponse(item).total,
      startedAt: item.paradata?.startedAt ?? null,
      answerChanges: item.paradata?.answerChanges ?? null,
    };
  }
  if (item.kind === 'visit') {
    return {
      kind: 'visit',
      id,
      communityCode,
      collectedAt,
      collectedDay: shanghaiDay(collectedAt),
      householdKey: householdKey(item.householdAddress) as string,
      outcome: item.outcome,
    };
  }
  return {
    kind: 'interview',
    id,
    communityCode,
    collectedAt,
    group: item.group,
    method: item.method,
    view: item.view,
    date: item.date,
  };
}

/**
 * Validation, hashing and everything else an item's storage needs that the database does not
 * decide. Pure, and run on the request's thread: the sync writer's thread only stores.
 */
export function prepareItems(items: readonly unknown[], receivedAt: string): PreparedItem[] {
  return items.map((raw): PreparedItem => {
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
    return { valid: true, facts: factsOf(parsed.data), content, hash: sha256Hex(content) };
  });
}
