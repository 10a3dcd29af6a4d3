import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import { dashboardKeys } from './dashboard-keys.ts';
import type {
  CoverageAnswer,
  FeedbackField,
  FeedbackTallies,
  FeedbackText,
  Page,
  QualityAnswer,
  ReviewFilters,
  ReviewKind,
  ReviewPage,
  ReviewResponse,
  SyncConflict,
} from './dashboard-types.ts';
import { useDashboardYear } from './dashboard-year.tsx';

/** The overview polls: a coordinator leaves it open on the office screen all day. */
export const REFRESH_MS = 60_000;

export const PAGE_SIZE = 50;

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function useCoverage() {
  const api = useApi();
  const year = useDashboardYear();
  return useQuery({
    queryKey: dashboardKeys.coverage(year),
    queryFn: () => api.json<CoverageAnswer>('GET', `/api/coverage${query({ year })}`),
    refetchInterval: REFRESH_MS,
  });
}

/**
 * One page of the review list. `cursor` is the previous page's nextCursor when the coordinator
 * steps forward: the server then finds the page by its index, not by counting past every item
 * before it (page 1,000 as fast as page 1).
 */
export function useReviewList(
  kind: ReviewKind,
  filters: ReviewFilters,
  page: number,
  cursor?: string,
) {
  const api = useApi();
  const year = useDashboardYear();
  // Channel, flag and address belong to responses: an interview list ignores them.
  const forKind: ReviewFilters =
    kind === 'responses' ? filters : { ...filters, channel: '', flag: '', address: '' };
  return useQuery({
    queryKey: dashboardKeys.reviewList(kind, forKind, page, year, cursor),
    queryFn: () =>
      api.json<ReviewPage>(
        'GET',
        `/api/review/${kind}${query({ ...forKind, year, page, pageSize: PAGE_SIZE, cursor })}`,
      ),
    // Keep the old page on screen while the next loads, but never show interviews as responses.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === kind ? previous : undefined,
  });
}

/** One response with its answers, as the review list shows it. */
export function useReviewResponse(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: dashboardKeys.reviewItem(id),
    queryFn: () => api.json<Page<ReviewResponse>>('GET', `/api/review/responses${query({ id })}`),
  });
}

export function useQuality(
  year: number | undefined,
  community: string,
  collector: string,
  flag: string,
  page: number,
) {
  const api = useApi();
  return useQuery({
    queryKey: dashboardKeys.quality(year, community, collector, flag, page),
    queryFn: () =>
      api.json<QualityAnswer>(
        'GET',
        `/api/quality${query({ year, community, collector, flag, page, pageSize: PAGE_SIZE })}`,
      ),
    placeholderData: (previous) => previous,
  });
}

export function useSyncConflicts(page: number) {
  const api = useApi();
  return useQuery({
    queryKey: dashboardKeys.syncConflicts(page),
    queryFn: () =>
      api.json<Page<SyncConflict>>(
        'GET',
        `/api/sync-conflicts${query({ page, pageSize: PAGE_SIZE })}`,
      ),
  });
}

export interface ReviewChange {
  readonly kind: ReviewKind;
  readonly id: string;
  /** A reason marks the item invalid; null restores it. */
  readonly reason: string | null;
}

/** Mark invalid / restore; afterwards every figure that counted the item is read again. */
export function useReviewAction() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, id, reason }: ReviewChange) =>
      reason === null
        ? api.json('POST', `/api/review/${kind}/${encodeURIComponent(id)}/restore`)
        : api.json('POST', `/api/review/${kind}/${encodeURIComponent(id)}/invalidate`, { reason }),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: dashboardKeys.review() }),
        client.invalidateQueries({ queryKey: dashboardKeys.coverage() }),
        client.invalidateQueries({ queryKey: dashboardKeys.feedback() }),
      ]);
    },
  });
}

export function useFeedbackTallies() {
  const api = useApi();
  const year = useDashboardYear();
  return useQuery({
    queryKey: dashboardKeys.tallies(year),
    queryFn: () => api.json<FeedbackTallies>('GET', `/api/feedback/tallies${query({ year })}`),
    refetchInterval: REFRESH_MS,
  });
}

export function useFeedbackTexts(
  search: string,
  community: string,
  field: FeedbackField | '',
  page: number,
) {
  const api = useApi();
  const year = useDashboardYear();
  return useQuery({
    queryKey: dashboardKeys.texts(search, community, field, page, year),
    queryFn: () =>
      api.json<Page<FeedbackText>>(
        'GET',
        `/api/feedback/texts${query({ q: search, community, field, year, page, pageSize: PAGE_SIZE })}`,
      ),
    placeholderData: (previous) => previous,
  });
}
