import { type CollectorPageProps, ItemFormPage } from '../survey/ItemFormPage.tsx';
import { defaultCommunity } from '../survey/last-community.ts';
import { InterviewForm } from './InterviewForm.tsx';
import { emptyInterviewValues, type InterviewFormValues } from './interview-values.ts';

export function InterviewPage({ id, user, communities }: CollectorPageProps) {
  return (
    <ItemFormPage
      id={id}
      kind="interview"
      collector={user.username}
      submittedText="这条访谈记录已提交，不能再修改。"
    >
      {(item, onSaved) => {
        const fallback = emptyInterviewValues(defaultCommunity(communities));
        const initial: InterviewFormValues = {
          ...fallback,
          ...((item?.form ?? {}) as Partial<InterviewFormValues>),
        };
        return (
          <InterviewForm
            key={id}
            id={id}
            initial={initial}
            communities={communities}
            collectedBy={user.username}
            onSaved={onSaved}
          />
        );
      }}
    </ItemFormPage>
  );
}
