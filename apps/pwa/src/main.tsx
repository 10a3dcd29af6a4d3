import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context.tsx';
import { createApiClient } from './api/client.ts';
import { Boot } from './shell/Boot.tsx';
import './styles.css';

const api = createApiClient();
const queryClient = new QueryClient({ defaultOptions: { queries: { networkMode: 'always' } } });
// The outbox and the app behind the first screen: imported once, after the first paint (Boot).
let collectorApp: Promise<ReactElement> | undefined;
const loadCollectorApp = () => {
  collectorApp ??= import('./shell/collector-app.tsx').then((m) => m.startCollectorApp(api));
  return collectorApp;
};

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ApiProvider value={api}>
        <Boot load={loadCollectorApp} />
      </ApiProvider>
    </QueryClientProvider>
  </StrictMode>,
);
