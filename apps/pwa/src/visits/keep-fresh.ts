import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { ApiClient } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import type { OutboxDatabase } from '../outbox/db.ts';
import { useEngineStatus, useOutbox } from '../outbox-react/outbox-context.tsx';
import { refreshVisitList } from './visit-list-store.ts';

// On the first screen: only the fetch-and-store, none of the list's screens or rules.

// React Query fetches (and dedupes, and retries on the next trigger); IndexedDB is what the
// screen shows, so the list opens offline as it was last fetched.

export function visitListQuery(db: OutboxDatabase, api: ApiClient, communityCode: string) {
  return {
    queryKey: queryKeys.visitList(communityCode),
    queryFn: async () => (await refreshVisitList(db, api, communityCode)).fetchedAt,
    retry: false,
    staleTime: 60_000,
  } as const;
}

/**
 * Keeps the visit list of each community on the phone: fetched when the app opens online and
 * after each sync that reached the server (colleagues' visits arrive that way). Errors are
 * left for the list screen to tell: the stored copy stays.
 */
export function useVisitListsKeptFresh(communityCodes: readonly string[], enabled: boolean): void {
  const { db } = useOutbox();
  const api = useApi();
  const queryClient = useQueryClient();
  const { lastSyncAt } = useEngineStatus();
  const codes = communityCodes.join('\n');
  useEffect(() => {
    if (!enabled) return;
    void lastSyncAt;
    for (const code of codes.split('\n').filter((c) => c !== '')) {
      // At most once a minute (the query's staleTime): a phone syncing after each survey must
      // not download 600 KB of list each time.
      void queryClient.fetchQuery(visitListQuery(db, api, code)).catch(() => {
        // Offline or not allowed: the stored copy stays; the list screen says so.
      });
    }
  }, [enabled, codes, lastSyncAt, db, api, queryClient]);
}
