import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'react';

/**
 * Re-renders whenever the IndexedDB rows a query read change (in this tab or another). `key`
 * names the query's inputs: a new key starts a new subscription.
 */
export function useLive<T>(query: () => Promise<T>, key: string, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  const latest = useRef(query);
  latest.current = query;
  useEffect(() => {
    void key;
    const subscription = liveQuery(() => latest.current()).subscribe({
      next: setValue,
      error: (error: unknown) => console.error('outbox query failed', error),
    });
    return () => subscription.unsubscribe();
  }, [key]);
  return value;
}
