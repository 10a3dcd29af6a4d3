import { type CollectorPageProps, ItemFormPage } from '../shell/ItemFormPage.tsx';
import { defaultCommunity } from './last-community.ts';
import { prefillOf } from './prefill.ts';
import { SurveyForm } from './SurveyForm.tsx';
import { emptySurveyValues, type SurveyFormValues } from './survey-values.ts';

/** A draft written by an older version may lack fields added since: fill them in empty. */
function withDefaults(form: unknown, fallback: SurveyFormValues): SurveyFormValues {
  const stored = (form ?? {}) as Partial<SurveyFormValues>;
  return { ...fallback, ...stored, answers: { ...fallback.answers, ...(stored.answers ?? {}) } };
}

export function SurveyPage({ id, user, communities }: CollectorPageProps) {
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
            ...emptySurveyValues(defaultCommunity(communities)),
            ...prefillOf(id),
          })}
          communities={communities}
          collectedBy={user.username}
          onSaved={onSaved}
        />
      )}
    </ItemFormPage>
  );
}
