import { lazy } from 'react';
import type { OutboxDatabase } from '../outbox/db.ts';

// The visit list is loaded after the first screen (its code is not in the first download). Once
// loaded ahead of the tap (warmVisitList, from the home screen), it renders directly: a lazy
// component suspends on its first render even when its code is there, and React 19 holds a
// Suspense reveal back for up to 300 ms.

type VisitListPage = typeof import('../visits/VisitListPage.tsx').default;
let loaded: VisitListPage | null = null;

function load() {
  return import('../visits/warm.ts').then((m) => {
    loaded = m.VisitListPage;
    return m;
  });
}

export const LazyVisitListPage = lazy(() => load().then((m) => ({ default: m.VisitListPage })));

/** The page's component once its code is loaded, else null (use LazyVisitListPage). */
export function loadedVisitListPage(): VisitListPage | null {
  return loaded;
}

/** Loads the page's code and reads the stored lists into memory. */
export function warmVisitList(db: OutboxDatabase, communityCodes: readonly string[]) {
  return load().then((m) => m.warmVisitLists(db, communityCodes));
}
