import { useState } from 'react';
import type { Community, User } from '../api/types.ts';
import { useOutbox } from '../outbox/outbox-context.tsx';
import { isEditable, useItemOnce } from '../outbox/use-item.ts';
import { forgetFormUrl, SavedNotice } from '../shell/SavedNotice.tsx';
import { defaultCommunity } from './last-community.ts';
import { SurveyForm } from './SurveyForm.tsx';
import { emptySurveyValues, type SurveyFormValues } from './survey-values.ts';

/** A draft written by an older version may lack fields added since: fill them in empty. */
function withDefaults(form: unknown, fallback: SurveyFormValues): SurveyFormValues {
  const stored = (form ?? {}) as Partial<SurveyFormValues>;
  return { ...fallback, ...stored, answers: { ...fallback.answers, ...(stored.answers ?? {}) } };
}

export function SurveyPage({
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
  if (saved) return <SavedNotice kind="survey" />;
  if (loading) return <p className="loading">正在打开…</p>;
  if (!isEditable(item)) return <p className="empty">这份问卷已提交，不能再修改。</p>;
  const fallback = emptySurveyValues(defaultCommunity(communities));
  return (
    <main>
      {item?.state === 'rejected' && item.reason ? (
        <p className="warning" role="alert">
          服务器退回：{item.reason.message}。改好后重新提交。
        </p>
      ) : null}
      <SurveyForm
        key={id}
        id={id}
        initial={withDefaults(item?.form, fallback)}
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
