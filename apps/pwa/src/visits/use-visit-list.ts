import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApi } from '../api/api-context.tsx';
import { useOutbox } from '../outbox/outbox-context.tsx';
import type { StoredVisitList } from '../outbox/types.ts';
import { useLive } from '../outbox/use-live.ts';
import { visitListQuery } from './keep-fresh.ts';
import { type LocalMark, type VisitRow, visitRows } from './visit-list.ts';
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

export function useVisitList(communityCode: string): VisitListView {
  const { db } = useOutbox();
  const api = useApi();
  const stored = useLive<StoredVisitList | null | undefined>(
    async () => (await db.visitLists.get(communityCode)) ?? null,
    `visit-list:${db.name}:${communityCode}`,
    undefined,
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
