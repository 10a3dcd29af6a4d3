import { useEffect, useState } from 'react';
import type { OutboxDatabase } from '../outbox/db.ts';
import type { OutboxItem } from '../outbox/types.ts';

/** Reads one item once (a form must not be reset by its own autosave). */
export function useItemOnce(
  db: OutboxDatabase,
  id: string,
): { loading: boolean; item: OutboxItem | undefined } {
  const [state, setState] = useState<{ id: string; item: OutboxItem | undefined } | null>(null);
  useEffect(() => {
    let live = true;
    void db.items.get(id).then((item) => {
      if (live) setState({ id, item });
    });
    return () => {
      live = false;
    };
  }, [db, id]);
  return state?.id === id
    ? { loading: false, item: state.item }
    : { loading: true, item: undefined };
}

export function isEditable(item: OutboxItem | undefined): boolean {
  return item === undefined || item.state === 'draft' || item.state === 'rejected';
}
