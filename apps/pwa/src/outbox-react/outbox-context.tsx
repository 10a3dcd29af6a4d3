import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { OutboxDatabase } from '../outbox/db.ts';
import { STALE_UNSENT_MS } from '../outbox/store.ts';
import type { EngineStatus, SyncEngine } from '../outbox/sync-engine.ts';
import type { OutboxItem } from '../outbox/types.ts';
import { useLive } from './use-live.ts';

export interface Outbox {
  readonly db: OutboxDatabase;
  readonly engine: SyncEngine;
}

const OutboxContext = createContext<Outbox | null>(null);

export function OutboxProvider({ value, children }: { value: Outbox; children: ReactNode }) {
  return <OutboxContext.Provider value={value}>{children}</OutboxContext.Provider>;
}

export function useOutbox(): Outbox {
  const outbox = useContext(OutboxContext);
  if (!outbox) throw new Error('useOutbox outside OutboxProvider');
  return outbox;
}

export function useEngineStatus(): EngineStatus {
  const { engine } = useOutbox();
  return useSyncExternalStore(engine.subscribe, engine.getStatus);
}

export interface UnsentSummary {
  readonly unsent: number;
  readonly rejected: number;
  readonly oldestQueuedAt: number | null;
}

/** An item is shown to (and sent, exported for) the person who collected it, and nobody else. */
export function belongsTo(item: OutboxItem, collector: string | null): boolean {
  return collector === null || item.collectedBy === collector;
}

/**
 * Null until IndexedDB has answered: "0 unsent" must never be shown before it is known.
 * `collector`: the signed-in person's items only; null (signed out) counts everyone's.
 */
export function useUnsentSummary(collector: string | null): UnsentSummary | null {
  const { db } = useOutbox();
  return useLive<UnsentSummary | null>(
    async () => {
      const items = (
        await db.items.where('state').anyOf('queued', 'sending', 'rejected').toArray()
      ).filter((item) => belongsTo(item, collector));
      const times = items.map((item) => item.queuedAt ?? item.createdAt);
      return {
        unsent: items.length,
        rejected: items.filter((item) => item.state === 'rejected').length,
        oldestQueuedAt: times.length > 0 ? Math.min(...times) : null,
      };
    },
    `unsent:${db.name}:${collector ?? ''}`,
    null,
  );
}

export function isStale(summary: UnsentSummary | null, now: number): boolean {
  return (
    summary !== null &&
    summary.oldestQueuedAt !== null &&
    now - summary.oldestQueuedAt > STALE_UNSENT_MS
  );
}

/** The signed-in person's items in these states, newest first. */
export function useItems(
  states: readonly OutboxItem['state'][],
  collector: string,
): OutboxItem[] | null {
  const { db } = useOutbox();
  return useLive<OutboxItem[] | null>(
    async () => {
      const items = await db.items
        .where('state')
        .anyOf(states)
        .filter((item) => belongsTo(item, collector))
        .toArray();
      return items.sort((a, b) => b.updatedAt - a.updatedAt);
    },
    `items:${db.name}:${states.join()}:${collector}`,
    null,
  );
}
