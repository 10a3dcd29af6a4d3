import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ApiProvider } from '../src/api/api-context.tsx';
import { createApiClient, type Fetch } from '../src/api/client.ts';
import type { Community, User } from '../src/api/types.ts';
import { freshDb, TEST_COLLECTOR } from '../src/outbox/outbox.test-kit.ts';
import { SyncEngine } from '../src/outbox/sync-engine.ts';
import { OutboxProvider } from '../src/outbox-react/outbox-context.tsx';

export const COMMUNITIES: Community[] = [
  { code: 'DEMO01', name: '示例居民区01', type: '导入居', totalHouseholds: 1200 },
  { code: 'DEMO02', name: '示例居民区02', type: '村改居', totalHouseholds: 600 },
];

/** A signed-in canvasser of DEMO01 and DEMO02. */
export const CANVASSER: User = {
  id: 'u1',
  username: TEST_COLLECTOR,
  displayName: '王采集',
  role: 'canvasser',
  communities: ['DEMO01', 'DEMO02'],
};

const unreachable: Fetch = () => Promise.reject(new TypeError('offline in tests'));

/** The app's providers around a component; by default the server is never reachable. */
export function renderWithApp(ui: ReactElement, db = freshDb(), fetch: Fetch = unreachable) {
  const api = createApiClient({ fetch, baseUrl: 'http://test.invalid' });
  const engine = new SyncEngine({ db, api, locks: null, window: null, document: null });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, networkMode: 'always' } },
  });
  const wrap = (node: ReactElement) => (
    <QueryClientProvider client={queryClient}>
      <ApiProvider value={api}>
        <OutboxProvider value={{ db, engine }}>{node}</OutboxProvider>
      </ApiProvider>
    </QueryClientProvider>
  );
  const result = render(wrap(ui));
  return {
    ...result,
    db,
    engine,
    rerenderWithApp: (node: ReactElement) => result.rerender(wrap(node)),
  };
}
