import { liveQuery, type Subscription } from 'dexie';
import { useEffect, useRef, useState } from 'react';

/** One live query per key, however many components show it (the header and the home screen). */
interface Shared {
  readonly listeners: Set<(value: unknown) => void>;
  subscription?: Subscription;
  known: boolean;
  value: unknown;
}
const shared = new Map<string, Shared>();

/**
 * Re-renders whenever the IndexedDB rows a query read change (in this tab or another). `key`
 * names the query's inputs: a new key starts a new subscription, and components using the same
 * key share one, so a figure one of them shows is known to the next at once and a write re-runs
 * the query once, not once per component.
 */
export function useLive<T>(query: () => Promise<T>, key: string, initial: T): T {
  const [value, setValue] = useState<T>(() => {
    const entry = shared.get(key);
    return entry?.known ? (entry.value as T) : initial;
  });
  const latest = useRef(query);
  latest.current = query;
  useEffect(() => {
    let entry = shared.get(key);
    if (entry === undefined) {
      const created: Shared = { listeners: new Set(), known: false, value: undefined };
      created.subscription = liveQuery(() => latest.current()).subscribe({
        next: (next) => {
          created.known = true;
          created.value = next;
          for (const listener of created.listeners) listener(next);
        },
        error: (error: unknown) => console.error('outbox query failed', error),
      });
      shared.set(key, created);
      entry = created;
    }
    const current = entry;
    const listener = (next: unknown) => setValue(next as T);
    current.listeners.add(listener);
    if (current.known) setValue(current.value as T);
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0) {
        current.subscription?.unsubscribe();
        shared.delete(key);
      }
    };
  }, [key]);
  return value;
}
