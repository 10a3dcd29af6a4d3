import { Workbox } from 'workbox-window';
import { flushAllDrafts } from '../outbox-react/use-draft-autosave.ts';

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
  // A browser may expose navigator.serviceWorker and still refuse it (blocked by policy, a
  // private window, some in-app browsers): the app then works online only, without an error.
  wb.register().then(
    (registration) => {
      if (!registration) return;
      // A canvasser keeps the app open all day: look for a new version each hour.
      setInterval(() => wb.update().catch(() => {}), 60 * 60 * 1000);
    },
    (error: unknown) => console.warn('service worker not available; online only', error),
  );
}
