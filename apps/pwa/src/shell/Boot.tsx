import { skipToken, useQuery } from '@tanstack/react-query';
import { type ReactElement, useEffect, useState } from 'react';
import { queryKeys } from '../api/query-keys.ts';
import { rememberedUser, type Session, useSession } from '../api/session.ts';
import { HeaderBar } from './HeaderBar.tsx';
import { LoginPage, signInFormInUse } from './LoginPage.tsx';

// The first screen, drawn before the outbox's code (IndexedDB, Dexie, the sync engine: a third of
// the first download) has arrived, which is then loaded and takes over. On a phone that remembers
// nobody that screen is the sign-in form, so the form is on screen a round trip and ~30 KB sooner
// (bench/pwa/lighthouse.ts); on a phone that remembers who signed in it is "正在打开…" until home,
// never the sign-in form.

/** Loads the rest of the app once, however often it is called. */
export type LoadCollectorApp = () => Promise<ReactElement>;

/** Runs after the browser has painted what is on screen (at once in a hidden tab: no frames). */
function afterPaint(run: () => void): () => void {
  if (typeof requestAnimationFrame === 'undefined' || document.visibilityState === 'hidden') {
    const timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(run, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

export function Boot({ load }: { load: LoadCollectorApp }) {
  const [loaded, setLoaded] = useState<ReactElement | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    const cancel = afterPaint(() => {
      load().then(
        (app) => current && setLoaded(app),
        (error: unknown) => {
          console.error('could not load the app', error);
          if (current) setFailed(true);
        },
      );
    });
    return () => {
      current = false;
      cancel();
    };
  }, [load]);

  // Reads the session without asking the server (the app asks once it has taken over).
  const session = useQuery<Session>({ queryKey: queryKeys.me(), queryFn: skipToken });
  const signedIn = Boolean(session.data?.user);
  // Not while someone is typing in the first form: its keystrokes and its submit stay with it,
  // and the app takes over once they are signed in.
  if (loaded && (signedIn || !signInFormInUse())) return loaded;
  return (
    <div className="app">
      <HeaderBar unsent={null} syncDisabled phase="idle" status="" />
      {failed ? (
        <p className="warning" role="alert">
          无法打开应用，请联网后刷新页面
        </p>
      ) : signedIn || rememberedUser() !== null ? (
        // Signed in here (or before, on this phone): "正在打开…" until home.
        <SessionCheck />
      ) : (
        <LoginPage />
      )}
    </div>
  );
}

function SessionCheck() {
  // Asks /api/me now, while the rest of the app downloads; the app reads the answer.
  useSession();
  return <p className="loading">正在打开…</p>;
}
