import type { MeAnswer } from '@jiuting/api-contract';
import { useQuery } from '@tanstack/react-query';
import { useApi } from './api-context.tsx';
import { ApiError, OfflineError } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { Community, User } from './types.ts';

// The last answers of /api/me and /api/communities, so a canvasser who opens the app in a
// stairwell still sees who they are and their communities (the service worker caches the same
// answers; this also covers the first seconds before it controls the page). Neither holds answers.
const LAST_USER = 'jiuting:lastUser';
const LAST_COMMUNITIES = 'jiuting:lastCommunities';
const LAST_YEAR = 'jiuting:lastYear';

function remember(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or full storage: the app works, just not offline from a cold start.
  }
}

function recall<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

export function forgetSession(): void {
  remember(LAST_USER, null);
  remember(LAST_COMMUNITIES, null);
  remember(LAST_YEAR, null);
}

/** The open year and the questionnaire version it uses; absent from a server older than years. */
export type OpenYear = Partial<Pick<MeAnswer, 'assessmentYear' | 'questionnaireVersion'>>;

function openYearOf(body: OpenYear): OpenYear {
  return {
    ...(typeof body.assessmentYear === 'number' ? { assessmentYear: body.assessmentYear } : {}),
    ...(typeof body.questionnaireVersion === 'number'
      ? { questionnaireVersion: body.questionnaireVersion }
      : {}),
  };
}

export interface Session extends OpenYear {
  readonly user: User | null;
  /** True when the server could not be reached and the user is the one remembered. */
  readonly offline: boolean;
}

export function useSession() {
  const api = useApi();
  return useQuery<Session>({
    queryKey: queryKeys.me(),
    queryFn: async ({ signal }) => {
      // Signing in cancels an answer still on its way (LoginPage): that answer is older than the
      // sign-in and must not make the phone forget who just signed in.
      try {
        const body = await api.json<{ user: User } & OpenYear>('GET', '/api/me');
        const year = openYearOf(body);
        if (!signal.aborted) {
          remember(LAST_USER, body.user);
          remember(LAST_YEAR, year);
        }
        return { user: body.user, offline: false, ...year };
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          if (!signal.aborted) remember(LAST_USER, null);
          return { user: null, offline: false };
        }
        if (error instanceof OfflineError) {
          return { user: recall<User>(LAST_USER), offline: true, ...recall<OpenYear>(LAST_YEAR) };
        }
        throw error;
      }
    },
    // A phone that remembers nobody (never signed in here, or signed out) shows the sign-in form
    // at once instead of after a round trip; one that remembers someone waits for the server's
    // answer, so a signed-in canvasser never sees the form flash before home.
    placeholderData: () => (rememberedUser() === null ? { user: null, offline: false } : undefined),
    retry: false,
    staleTime: 60_000,
  });
}

/** Who last signed in on this phone (every sign-in and every answer of /api/me record it). */
export function rememberedUser(): User | null {
  return recall<User>(LAST_USER);
}

export function rememberUser(user: User): void {
  remember(LAST_USER, user);
}

export function useCommunities(enabled: boolean) {
  const api = useApi();
  return useQuery<Community[]>({
    queryKey: queryKeys.communities(),
    enabled,
    queryFn: async () => {
      try {
        const { communities } = await api.json<{ communities: Community[] }>(
          'GET',
          '/api/communities',
        );
        remember(LAST_COMMUNITIES, communities);
        return communities;
      } catch (error) {
        const last = recall<Community[]>(LAST_COMMUNITIES);
        if (error instanceof OfflineError && last) return last;
        throw error;
      }
    },
    retry: false,
    staleTime: 5 * 60_000,
  });
}
