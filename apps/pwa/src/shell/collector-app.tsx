import type { ReactElement } from 'react';
import type { ApiClient } from '../api/client.ts';
import { OutboxDatabase } from '../outbox/db.ts';
import { replayDraftJournal } from '../outbox/draft-journal.ts';
import { SyncEngine } from '../outbox/sync-engine.ts';
import { type Outbox, OutboxProvider } from '../outbox-react/outbox-context.tsx';
import { flushAllDrafts } from '../outbox-react/use-draft-autosave.ts';
import { App } from './App.tsx';

// Everything behind the first screen: the outbox (IndexedDB, Dexie), its sync engine and the app
// that uses them. Boot.tsx loads this once the first screen is painted (bench/pwa/lighthouse.ts).

/** Opens the outbox, starts sending, and resolves to the app once the drafts are in place. */
export async function startCollectorApp(api: ApiClient): Promise<ReactElement> {
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
  engine.start();
  // Changes a closed page left in the draft journal reach IndexedDB before any form reads its draft.
  await replayDraftJournal(db).catch((error: unknown) =>
    console.error('could not replay the draft journal', error),
  );
  return <CollectorApp outbox={{ db, engine }} />;
}

function CollectorApp({ outbox }: { outbox: Outbox }) {
  return (
    <OutboxProvider value={outbox}>
      <App />
    </OutboxProvider>
  );
}
