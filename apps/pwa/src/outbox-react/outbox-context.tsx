import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { OutboxDatabase } from '../outbox/db.ts';
import { STALE_UNSENT_MS } from '../outbox/store.ts';
import { type UnsentSummary, unsentSummary } from '../outbox/summary.ts';
import type { EngineStatus, SyncEngine } from '../outbox/sync-engine.ts';
import type { ItemIn, OutboxItem, OutboxState } from '../outbox/types.ts';
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

export type { UnsentSummary } from '../outbox/summary.ts';

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
    () => unsentSummary(db, collector),
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
export function useItems<S extends OutboxState>(
  states: readonly S[],
  collector: string,
): ItemIn<S>[] | null {
  const { db } = useOutbox();
  return useLive<ItemIn<S>[] | null>(
    async () => {
      const items = (await db.items
        .where('state')
        .anyOf(states)
        .filter((item) => belongsTo(item, collector))
        .toArray()) as ItemIn<S>[];
      return items.sort((a, b) => b.updatedAt - a.updatedAt);
    },
    `items:${db.name}:${states.join()}:${collector}`,
    null,
  );
}
