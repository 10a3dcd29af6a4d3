import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { StoredVisitList } from '../outbox/types.ts';
import { useOutbox } from '../outbox-react/outbox-context.tsx';
import { useLive } from '../outbox-react/use-live.ts';
import { visitListQuery } from './keep-fresh.ts';
import { areaChoices, type LocalMark, type VisitRow, visitRows } from './visit-list.ts';
import { localMarks } from './visit-marks.ts';

export interface VisitListView {
  /** undefined while IndexedDB answers; null when the phone has never fetched this list. */
  readonly stored: StoredVisitList | null | undefined;
  readonly rows: readonly VisitRow[];
  readonly marks: readonly LocalMark[];
  readonly refreshing: boolean;
  readonly refreshError: unknown;
  readonly refresh: () => void;
}

// The last list read per database and community: reopening the list shows it at once instead
// of waiting for IndexedDB to hand back 3,000 households again (the live query still runs and
// replaces it should it have changed).
const lastRead = new Map<string, StoredVisitList | null>();

export function useVisitList(communityCode: string): VisitListView {
  const { db } = useOutbox();
  const api = useApi();
  const cacheKey = `${db.name}\n${communityCode}`;
  const stored = useLive<StoredVisitList | null | undefined>(
    async () => {
      const row = (await db.visitLists.get(communityCode)) ?? null;
      lastRead.set(cacheKey, row);
      return row;
    },
    `visit-list:${db.name}:${communityCode}`,
    lastRead.get(cacheKey),
  );
  const marks = useLive<LocalMark[]>(
    () => localMarks(db, communityCode),
    `visit-marks:${db.name}:${communityCode}`,
    [],
  );
  const query = useQuery({
    ...visitListQuery(db, api, communityCode),
    enabled: communityCode !== '',
  });
  const rows = useMemo(() => (stored ? visitRows(stored.list, marks) : []), [stored, marks]);
  return {
    stored,
    rows,
    marks,
    refreshing: query.isFetching,
    refreshError: query.error,
    refresh: () => void query.refetch(),
  };
}

/**
 * Reads the stored lists into memory ahead of the first tap (the home screen calls this once it
 * is idle), so even the first opening of the list does not wait for IndexedDB.
 */
export async function warmVisitLists(
  db: import('../outbox/db.ts').OutboxDatabase,
  communityCodes: readonly string[],
): Promise<void> {
  for (const code of communityCodes) {
    const row = (await db.visitLists.get(code)) ?? null;
    lastRead.set(`${db.name}\n${code}`, row);
    // Sorting Chinese names the first time loads the collator's data (a few hundred ms on a
    // slow phone): do it now rather than on the tap.
    if (row) areaChoices(visitRows(row.list, []));
  }
}
