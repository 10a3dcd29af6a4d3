import type { ApiClient } from '../api/client.ts';
import type { OutboxDatabase } from '../outbox/db.ts';
import type { StoredVisitList } from '../outbox/types.ts';
import type { VisitList } from './visit-list.ts';

// The visit lists in IndexedDB (on the first screen: keep it to fetching and storing). Like the outbox's writes, each function is one transaction with
// no network call inside it, and says what running it twice does.

export function visitListPath(communityCode: string): string {
  return `/api/communities/${encodeURIComponent(communityCode)}/visit-list`;
}

/** Stores a fetched list in place of the last one. Offline: never called. Twice: the later wins. */
export async function saveVisitList(
  db: OutboxDatabase,
  list: VisitList,
  now: number,
): Promise<void> {
  await db.visitLists.put({ communityCode: list.communityCode, list, fetchedAt: now });
}

/**
 * Fetches a community's list and stores it. Rejects (OfflineError, ApiError) and keeps the
 * stored copy when the server cannot answer. Twice: two fetches, the later stored.
 */
export async function refreshVisitList(
  db: OutboxDatabase,
  api: ApiClient,
  communityCode: string,
  now: () => number = Date.now,
): Promise<StoredVisitList> {
  const list = await api.json<VisitList>('GET', visitListPath(communityCode));
  const fetchedAt = now();
  await saveVisitList(db, list, fetchedAt);
  return { communityCode, list, fetchedAt };
}
