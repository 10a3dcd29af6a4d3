import { Workbox } from 'workbox-window';
import { flushAllDrafts } from '../outbox/use-draft-autosave.ts';

// Registered from a module (the server's CSP forbids inline scripts). A new version waits until
// the user agrees: then every open draft is written first, and only then does the page reload.

export interface UpdateHandle {
  readonly apply: () => Promise<void>;
}

export function registerServiceWorker(onUpdateReady: (update: UpdateHandle) => void): void {
  // The dev server has no sw.js. (MODE, not PROD: PROD follows NODE_ENV, which a test runner
  // may have set while it builds the app.)
  if (!('serviceWorker' in navigator) || import.meta.env.MODE === 'development') return;
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    onUpdateReady({
      apply: async () => {
        await flushAllDrafts();
        wb.addEventListener('controlling', () => window.location.reload());
        wb.messageSkipWaiting();
      },
    });
  });
  void wb.register();
  // A canvasser keeps the app open all day: look for a new version each hour.
  setInterval(() => void wb.update(), 60 * 60 * 1000);
}
