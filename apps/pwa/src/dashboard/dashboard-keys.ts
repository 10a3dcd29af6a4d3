import { queryKeys } from '../api/query-keys.ts';
import type { FeedbackField, ReviewFilters, ReviewKind } from './dashboard-types.ts';

// The dashboard's React Query keys, beside the app's own factory (coverage is the app's key, so
// the small coverage table and the dashboard share one cache entry). Each family starts with one
// word, so invalidating `['review']` refreshes every page of every list.
export const dashboardKeys = {
  // One year's coverage under the app's key: invalidating the coverage refreshes every year.
  coverage: (year?: number) =>
    year === undefined ? queryKeys.coverage() : ([...queryKeys.coverage(), year] as const),
  years: () => ['assessment-years'] as const,
  communities: queryKeys.communities,
  review: () => ['review'] as const,
  reviewList: (
    kind: ReviewKind,
    filters: ReviewFilters,
    page: number,
    year?: number,
    cursor?: string,
  ) => ['review', kind, filters, page, year, cursor ?? null] as const,
  reviewItem: (id: string) => ['review', 'item', id] as const,
  // Under 'review' too: a mark made from the quality view refreshes it with the lists.
  quality: (
    year: number | undefined,
    community: string,
    collector: string,
    flag: string,
    page: number,
  ) => ['review', 'quality', year, community, collector, flag, page] as const,
  syncConflicts: (page: number) => ['review', 'conflicts', page] as const,
  feedback: () => ['feedback'] as const,
  tallies: (year?: number) => ['feedback', 'tallies', year] as const,
  texts: (
    search: string,
    community: string,
    field: FeedbackField | '',
    page: number,
    year?: number,
  ) => ['feedback', 'texts', search, community, field, page, year] as const,
  register: (community: string, year?: number) => ['register', community, year] as const,
  users: () => ['users'] as const,
  sessions: () => ['sessions'] as const,
};
