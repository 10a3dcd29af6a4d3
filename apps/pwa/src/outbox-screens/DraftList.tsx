import { useState } from 'react';
import { describeItem } from '../outbox/describe.ts';
import { forgetJournal } from '../outbox/draft-journal.ts';
import { discardDraft } from '../outbox/store.ts';
import { useItems, useOutbox } from '../outbox-react/outbox-context.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { formatTime } from '../ui/format.ts';
import { hrefOf } from '../ui/route.ts';

const DRAFT: ['draft'] = ['draft'];

/** Unfinished forms, newest first: resume or (after a confirmation) discard. */
export function DraftList({
  collector,
  communityName,
}: {
  /** The signed-in person: only their drafts are listed. */
  collector: string;
  communityName: (code: string) => string;
}) {
  const { db } = useOutbox();
  const drafts = useItems(DRAFT, collector);
  const [discarding, setDiscarding] = useState<string | null>(null);
  if (!drafts || drafts.length === 0) return null;
  return (
    <section className="drafts">
      <h2>未完成的草稿（{drafts.length}）</h2>
      <ul className="item-list">
        {drafts.map((draft) => (
          <li key={draft.id}>
            <div>
              <div>{describeItem(draft, communityName)}</div>
              <div className="muted">{formatTime(draft.updatedAt)} 保存</div>
            </div>
            <div className="item-actions">
              <a
                className="button primary" // A visit outcome is queued at once, never a draft.
                href={hrefOf({
                  name: draft.kind === 'interview' ? 'interview' : 'survey',
                  id: draft.id,
                })}
              >
                继续
              </a>
              <button type="button" onClick={() => setDiscarding(draft.id)}>
                删除
              </button>
            </div>
          </li>
        ))}
      </ul>
      {discarding ? (
        <ConfirmDialog
          title="删除草稿？"
          message="这份草稿尚未提交，删除后无法恢复。"
          confirmLabel="删除"
          danger
          onCancel={() => setDiscarding(null)}
          onConfirm={() => {
            forgetJournal(discarding);
            void discardDraft(db, discarding);
            setDiscarding(null);
          }}
        />
      ) : null}
    </section>
  );
}
