import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context.tsx';
import { createApiClient } from './api/client.ts';
import { OutboxDatabase } from './outbox/db.ts';
import { replayDraftJournal } from './outbox/draft-journal.ts';
import { SyncEngine } from './outbox/sync-engine.ts';
import { OutboxProvider } from './outbox-react/outbox-context.tsx';
import { flushAllDrafts } from './outbox-react/use-draft-autosave.ts';
import { App } from './shell/App.tsx';
import './styles.css';

const api = createApiClient();
const db = new OutboxDatabase();
db.on('versionchange', () => {
  // A newer version of the app, open in another tab, upgrades the database. This tab writes what
  // is typed, steps aside (an open connection would block the upgrade) and reloads into the new
  // version; the form reopens from its address with the draft.
  // Stopping hands this tab's claims back first, so the new version sends them at once.
  void Promise.allSettled([engine.stop(), flushAllDrafts()]).finally(() => {
    db.close();
    window.location.reload();
  });
  return false;
});
const engine = new SyncEngine({ db, api });
const queryClient = new QueryClient({ defaultOptions: { queries: { networkMode: 'always' } } });
engine.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// Changes a closed page left in the draft journal reach IndexedDB before any form reads its draft.
void replayDraftJournal(db)
  .catch((error: unknown) => console.error('could not replay the draft journal', error))
  .finally(() =>
    createRoot(root).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <ApiProvider value={api}>
            <OutboxProvider value={{ db, engine }}>
              <App />
            </OutboxProvider>
          </ApiProvider>
        </QueryClientProvider>
      </StrictMode>,
    ),
  );
