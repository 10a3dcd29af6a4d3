import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { queryKeys } from '../api/query-keys.ts';
import { forgetSession, type Session } from '../api/session.ts';
import { flushAllDrafts } from '../outbox-react/use-draft-autosave.ts';

export const API_CACHE_NAME = 'jiuting-api';

/**
 * Ends the session on the server and forgets who was signed in. The outbox is not touched:
 * unsent items stay and go out when the same person signs in again (never under another's).
 */
export function useLogout() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  async function logout() {
    setError(null);
    await flushAllDrafts();
    const outcome = await api.send('POST', '/api/auth/logout', {});
    if (outcome.kind === 'network' || (outcome.status >= 500 && outcome.status !== 401)) {
      setError('无法连接服务器，请联网后再退出登录');
      return;
    }
    forgetSession();
    if ('caches' in globalThis) await caches.delete(API_CACHE_NAME).catch(() => false);
    queryClient.removeQueries({ queryKey: queryKeys.communities() });
    queryClient.removeQueries({ queryKey: queryKeys.coverage() });
    queryClient.setQueryData<Session>(queryKeys.me(), { user: null, offline: false });
  }
  return { logout, error };
}
