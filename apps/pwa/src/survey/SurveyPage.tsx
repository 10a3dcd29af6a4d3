import { JIUTING_2025, questionnaireOrCurrent } from '@jiuting/questionnaire';
import { useSession } from '../api/session.ts';
import { prefillOf } from '../visits/prefill.ts';
import { type CollectorPageProps, ItemFormPage } from './ItemFormPage.tsx';
import { defaultCommunity } from './last-community.ts';
import { SurveyForm } from './SurveyForm.tsx';
import { emptySurveyValues, type SurveyFormValues } from './survey-values.ts';

/**
 * A draft written by an older version may lack fields added since: fill them in empty. A draft
 * keeps the questionnaire edition it was started with; one saved before editions is 2025's.
 */
export function withDefaults(form: unknown, fallback: SurveyFormValues): SurveyFormValues {
  const stored = (form ?? {}) as Partial<SurveyFormValues>;
  return {
    ...fallback,
    ...stored,
    answers: { ...fallback.answers, ...(stored.answers ?? {}) },
    questionnaireVersion:
      stored.questionnaireVersion ??
      (form === undefined || form === null ? fallback.questionnaireVersion : JIUTING_2025.version),
  };
}

export function SurveyPage({ id, user, communities }: CollectorPageProps) {
  // The edition the open year uses, as /api/me last said (the current one when it says nothing).
  // The app shell has the session before it opens a form; a new form waits for it here too.
  const session = useSession();
  const yearVersion = questionnaireOrCurrent(session.data?.questionnaireVersion).version;
  if (session.isPending) return null;
  return (
    <ItemFormPage
      id={id}
      kind="survey"
      collector={user.username}
      submittedText="这份问卷已提交，不能再修改。"
    >
      {(item, onSaved) => (
        <SurveyForm
          key={id}
          id={id}
          initial={withDefaults(item?.form, {
            ...emptySurveyValues(defaultCommunity(communities), 'door', yearVersion),
            ...prefillOf(id),
          })}
          yearVersion={yearVersion}
          communities={communities}
          collectedBy={user.username}
          onSaved={onSaved}
        />
      )}
    </ItemFormPage>
  );
}
