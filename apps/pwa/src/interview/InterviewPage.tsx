import { useState } from 'react';
import type { Community, User } from '../api/types.ts';
import { useOutbox } from '../outbox/outbox-context.tsx';
import { isEditable, useItemOnce } from '../outbox/use-item.ts';
import { forgetFormUrl, SavedNotice } from '../shell/SavedNotice.tsx';
import { defaultCommunity } from '../survey/last-community.ts';
import { InterviewForm } from './InterviewForm.tsx';
import { emptyInterviewValues, type InterviewFormValues } from './interview-values.ts';

export function InterviewPage({
  id,
  user,
  communities,
}: {
  id: string;
  user: User;
  communities: readonly Community[];
}) {
  const { db } = useOutbox();
  const { loading, item } = useItemOnce(db, id);
  const [saved, setSaved] = useState(false);
  if (saved) return <SavedNotice kind="interview" />;
  if (loading) return <p className="loading">正在打开…</p>;
  if (!isEditable(item)) return <p className="empty">这条访谈记录已提交，不能再修改。</p>;
  const fallback = emptyInterviewValues(defaultCommunity(communities));
  const initial: InterviewFormValues = {
    ...fallback,
    ...((item?.form ?? {}) as Partial<InterviewFormValues>),
  };
  return (
    <main>
      {item?.state === 'rejected' && item.reason ? (
        <p className="warning" role="alert">
          服务器退回：{item.reason.message}。改好后重新提交。
        </p>
      ) : null}
      <InterviewForm
        key={id}
        id={id}
        initial={initial}
        communities={communities}
        collectedBy={user.username}
        onSaved={() => {
          forgetFormUrl();
          setSaved(true);
        }}
      />
    </main>
  );
}
