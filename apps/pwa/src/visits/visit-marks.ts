import { householdKey, type VisitOutcome, VisitOutcomeSchema } from '@jiuting/questionnaire';
import type { OutboxDatabase } from '../outbox/db.ts';
import { newId } from '../outbox/ids.ts';
import { enqueue } from '../outbox/store.ts';
import type { OutboxItem } from '../outbox/types.ts';
import type { LocalMark, VisitOutcomeId } from './visit-list.ts';

// What this phone did at the households of a list: read from the outbox, and written to it.

const MARKED_KINDS = new Set<OutboxItem['kind']>(['survey', 'visit']);

/** What this phone holds for one household (from an item's payload), or null (no key, a draft). */
export function markOf(item: OutboxItem): LocalMark | null {
  if (item.state === 'draft' || !MARKED_KINDS.has(item.kind) || item.payload === undefined) {
    return null;
  }
  const payload = item.payload as { householdAddress?: string; outcome?: VisitOutcomeId };
  const key = payload.householdAddress ? householdKey(payload.householdAddress) : null;
  if (key === null) return null;
  const sent = item.state === 'synced';
  return {
    key,
    kind: item.kind as 'survey' | 'visit',
    ...(payload.outcome ? { outcome: payload.outcome } : {}),
    sent,
    at: sent ? item.syncedAt : item.queuedAt,
    ...(item.repeat ? { repeat: true } : {}),
  };
}

/** Every survey and visit this phone holds for a community, whoever collected it. */
export async function localMarks(
  db: OutboxDatabase,
  communityCode: string,
  /** An item left out (the survey being filled, whose own draft must not warn about itself). */
  exceptItemId?: string,
): Promise<LocalMark[]> {
  const items = (await db.items.where('communityCode').equals(communityCode).toArray()).filter(
    (item) => item.id !== exceptItemId,
  );
  return items.map(markOf).filter((mark): mark is LocalMark => mark !== null);
}

export interface VisitInput {
  readonly communityCode: string;
  readonly householdAddress: string;
  readonly outcome: VisitOutcomeId;
  readonly collectedBy?: string;
}

/**
 * Queues a visit outcome (不在家, 拒访, 空置) in the outbox, where the sync engine sends it like a
 * survey. Offline: works (local only). Resolves once IndexedDB committed it. Each call is a new
 * visit with its own id (knocking twice is two visits); a resend of one is a server duplicate.
 * Rejects with the schema's Chinese message when the address cannot be filed.
 */
export async function queueVisit(db: OutboxDatabase, input: VisitInput, now: number) {
  const id = newId();
  const parsed = VisitOutcomeSchema.safeParse({
    kind: 'visit',
    id,
    communityCode: input.communityCode,
    householdAddress: input.householdAddress,
    outcome: input.outcome,
    collectedAt: new Date(now).toISOString(),
  });
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? '无法记录这次走访');
  const payload: VisitOutcome = parsed.data;
  return enqueue(
    db,
    {
      id,
      kind: 'visit',
      payload,
      form: null,
      ...(input.collectedBy ? { collectedBy: input.collectedBy } : {}),
    },
    now,
  );
}
