import type { HealthReportAnswer } from '@jiuting/api-contract';
import { useQuery } from '@tanstack/react-query';
import { useApi } from './api-context.tsx';
import type { ApiClient } from './client.ts';
import { OfflineError } from './client.ts';
import { queryKeys } from './query-keys.ts';

/** The parts of GET /api/health the coordinators' pages read (warnings in Chinese, to show). */
export type ServerHealth = Pick<HealthReportAnswer, 'status' | 'publicUrl' | 'warnings'>;

function isHealth(body: unknown): body is ServerHealth {
  return (
    typeof body === 'object' &&
    body !== null &&
    Array.isArray((body as { warnings?: unknown }).warnings) &&
    typeof (body as { publicUrl?: unknown }).publicUrl === 'object'
  );
}

// 503 carries the same report (writes failing): that is exactly when the dashboard must show it.
export async function fetchServerHealth(api: ApiClient): Promise<ServerHealth> {
  const outcome = await api.send('GET', '/api/health');
  if (outcome.kind === 'response' && isHealth(outcome.body)) return outcome.body;
  throw new OfflineError();
}

export function useServerHealth() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.serverHealth(),
    queryFn: () => fetchServerHealth(api),
    refetchInterval: 60_000,
  });
}
