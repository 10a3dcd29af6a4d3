import { useEffect, useState } from 'react';
import { newId } from '../outbox/ids.ts';
import { LINK_MESSAGES } from './messages.ts';
import { ResidentForm } from './ResidentForm.tsx';
import type { LinkOutcome, ResidentApi } from './resident-api.ts';
import type { DraftStore, ResidentDraft } from './resident-storage.ts';
import { emptyResidentValues } from './resident-values.ts';
import { ThankYou } from './ThankYou.tsx';

interface ResidentAppProps {
  /** null when the address has no token at all (a cut-off link). */
  readonly token: string | null;
  readonly api: ResidentApi;
  readonly store: DraftStore;
}

function freshDraft(): ResidentDraft {
  return { values: emptyResidentValues(), id: newId(), collectedAt: null };
}

/** The page a resident reaches from a QR code: the link is checked, then the form or the thanks. */
export function ResidentApp({ token, api, store }: ResidentAppProps) {
  const [link, setLink] = useState<LinkOutcome | null>(
    token === null ? { kind: 'invalidLink' } : null,
  );
  const [draft, setDraft] = useState<ResidentDraft | null>(() =>
    token === null ? null : (store.load(token) ?? freshDraft()),
  );

  useEffect(() => {
    if (token === null) return;
    let live = true;
    void api.loadLink(token).then((outcome) => {
      if (live) setLink(outcome);
    });
    return () => {
      live = false;
    };
  }, [api, token]);

  const communityName = link?.kind === 'ok' ? link.link.community.name : null;
  useEffect(() => {
    if (communityName) document.title = `${communityName}群众满意度测评`;
  }, [communityName]);

  if (link === null) return <p className="loading">正在打开问卷…</p>;
  if (link.kind !== 'ok' || token === null || draft === null) {
    return (
      <main className="link-error">
        <h1>无法打开问卷</h1>
        <p role="alert">{LINK_MESSAGES[link.kind === 'ok' ? 'invalidLink' : link.kind]}</p>
      </main>
    );
  }
  if (draft.submitted) {
    return (
      <ThankYou
        communityName={link.link.community.name}
        onAnother={() => {
          store.remove(token);
          setDraft(freshDraft());
          window.scrollTo?.(0, 0);
        }}
      />
    );
  }
  return (
    <main>
      <ResidentForm
        key={draft.id}
        token={token}
        link={link.link}
        api={api}
        store={store}
        initial={draft}
        onReceived={(repeat) => {
          // The answers are on the server: the phone keeps only "done", not what was answered.
          const done: ResidentDraft = { ...freshDraft(), submitted: { repeat } };
          store.save(token, done);
          setDraft(done);
          window.scrollTo?.(0, 0);
        }}
      />
    </main>
  );
}
