import Dexie from 'dexie';
import type { OutboxDatabase } from './db.ts';
import { UNSENT_STATES } from './types.ts';

export interface UnsentSummary {
  readonly unsent: number;
  readonly rejected: number;
  readonly oldestQueuedAt: number | null;
}

/**
 * The header's figures from index counts and one index key per state, never the rows: a live
 * query re-runs this after every write, and reading every unsent item's answers each time made
 * a long queue drain slower the longer it was. `collector`: that person's items only; null
 * (signed out) counts everyone's.
 */
export async function unsentSummary(
  db: OutboxDatabase,
  collector: string | null,
): Promise<UnsentSummary> {
  const perState = await Promise.all(
    UNSENT_STATES.map(async (state) => {
      const range =
        collector === null
          ? db.items
              .where('[state+queuedAt]')
              .between([state, Dexie.minKey], [state, Dexie.maxKey], true, true)
          : db.items
              .where('[collectedBy+state+queuedAt]')
              .between(
                [collector, state, Dexie.minKey],
                [collector, state, Dexie.maxKey],
                true,
                true,
              );
      const [count, first] = await Promise.all([range.count(), range.clone().limit(1).keys()]);
      const key = first[0] as readonly unknown[] | undefined;
      return { state, count, oldest: key ? (key[key.length - 1] as number) : null };
    }),
  );
  const oldest = perState.flatMap((s) => (s.oldest === null ? [] : [s.oldest]));
  return {
    unsent: perState.reduce((sum, s) => sum + s.count, 0),
    rejected: perState.find((s) => s.state === 'rejected')?.count ?? 0,
    oldestQueuedAt: oldest.length > 0 ? Math.min(...oldest) : null,
  };
}
