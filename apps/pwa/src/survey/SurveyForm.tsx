import {
  CHANNELS,
  type QuestionDef,
  type QuestionnaireDef,
  SECTIONS,
  SUGGESTION_MAX_LENGTH,
} from '@jiuting/questionnaire';
import { useRef } from 'react';
import { useForm } from 'react-hook-form';
import type { Community } from '../api/types.ts';
import { AddressFields } from './AddressFields.tsx';
import { ChoiceQuestion } from './ChoiceQuestion.tsx';
import { CommunitySelect } from './CommunitySelect.tsx';
import { CountedWarning } from './CountedWarning.tsx';
import { otherTextOf, toggleMultiple } from './choice.ts';
import { FieldError } from './FieldError.tsx';
import { countErrors, errorAt, schemaResolver } from './form-resolver.ts';
import { noteAnswer } from './paradata.ts';
import { SubmitFooter } from './SubmitFooter.tsx';
import { validateSurvey } from './survey-validation.ts';
import {
  answeredCount,
  COLLECTOR_CHANNELS,
  questionnaireOf,
  requiredQuestions,
  type SurveyFormValues,
  shownHouseholdKey,
  versionOf,
} from './survey-values.ts';
import { useQueueOnSubmit } from './use-queue-on-submit.ts';

export interface SurveyFormProps {
  /** The draft's local id (also the first server id). */
  readonly id: string;
  readonly initial: SurveyFormValues;
  readonly communities: readonly Community[];
  readonly collectedBy?: string;
  /** Called with the submitted values once they are queued (下一户 keeps some of them). */
  readonly onSaved: (values: SurveyFormValues) => void;
  /**
   * The questionnaire version the year uses (GET /api/me); a draft started with another edition
   * is finished with its own and says so. Absent: the draft's own edition is taken as the year's.
   */
  readonly yearVersion?: number;
}

type AnswerKey = keyof SurveyFormValues['answers'];

/**
 * The form of the edition a draft was started with, or a notice when this app no longer knows
 * it (the draft is kept untouched in 待上传/草稿, never rewritten into another edition).
 */
export function SurveyForm(props: SurveyFormProps) {
  const questionnaire = questionnaireOf(props.initial);
  if (!questionnaire) {
    return (
      <div className="survey-form">
        <p className="form-summary" role="alert">
          这份草稿使用第 {versionOf(props.initial)}{' '}
          版问卷，本应用已不再提供该版本，无法继续填写。草稿已保留，请联系考核专班。
        </p>
      </div>
    );
  }
  return <EditionForm {...props} questionnaire={questionnaire} />;
}

/** One edition (附件1 in 2025), question by question, saved as a draft on every change and queued on 提交. */
function EditionForm({
  id,
  initial,
  communities,
  collectedBy,
  onSaved,
  yearVersion,
  questionnaire,
}: SurveyFormProps & { readonly questionnaire: QuestionnaireDef }) {
  const questions = questionnaire.questions;
  const order = questions.map((q) => q.id);
  const required = requiredQuestions(questionnaire);
  const fieldsets = useRef(new Map<string, HTMLElement>());
  const form = useForm<SurveyFormValues>({
    defaultValues: initial,
    resolver: schemaResolver((values) => validateSurvey(values, id, new Date().toISOString())),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, setValue, handleSubmit, formState, watch } = form;
  const values = watch();
  const { saveError, queue } = useQueueOnSubmit({
    id,
    kind: 'survey',
    collectedBy,
    watch,
    // The hook hands back what `queue` was given: the submitted values.
    onSaved: (form) => onSaved(form as SurveyFormValues),
  });

  function set<K extends AnswerKey>(key: K, value: SurveyFormValues['answers'][K]) {
    setValue(`answers.${key}`, value as never, {
      shouldDirty: true,
      shouldValidate: formState.isSubmitted,
    });
  }

  function focusQuestion(questionId: string | undefined) {
    if (questionId === undefined) return;
    const element = fieldsets.current.get(questionId);
    const target =
      element?.querySelector<HTMLElement>('input:checked') ??
      element?.querySelector<HTMLElement>('input, textarea');
    target?.focus();
    target?.scrollIntoView?.({ block: 'center' });
  }

  function next(questionId: string) {
    focusQuestion(order[order.indexOf(questionId as never) + 1]);
  }

  /** A choice answered (not text typed): the paradata notes the first answer and each change. */
  function answer<K extends AnswerKey>(key: K, value: SurveyFormValues['answers'][K]) {
    const previous = form.getValues(`answers.${key}`);
    const now = new Date().toISOString();
    setValue('paradata', noteAnswer(form.getValues('paradata'), previous, value, now));
    set(key, value);
  }

  function choose(question: QuestionDef, letter: string) {
    const key = question.id as AnswerKey;
    if (question.kind === 'multiple') {
      answer(key, toggleMultiple(question, values.answers[key] as string[], letter) as never);
      return;
    }
    answer(key, letter as never);
    // Paper entry: the next question gets the keyboard.
    setTimeout(() => next(question.id), 0);
  }

  const onValid = async (valid: SurveyFormValues) => {
    const result = validateSurvey(valid, id, new Date().toISOString());
    if (!result.ok) return;
    await queue(result.response, valid);
  };

  const onInvalid = () => {
    setTimeout(() => {
      const first = document.querySelector<HTMLElement>('.has-error');
      first?.scrollIntoView?.({ block: 'center' });
      first?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    }, 0);
  };

  const answered = answeredCount(values);
  const key = shownHouseholdKey(values);
  const errors = formState.errors;
  const errorCount = countErrors(errors);

  return (
    <form className="survey-form" onSubmit={handleSubmit(onValid, onInvalid)} noValidate>
      <div className="progress">
        <span>
          已答 {answered} / {required.length}
        </span>
        <progress max={required.length} value={answered} aria-label="答题进度" />
      </div>
      <h1 className="form-title">{questionnaire.title}</h1>
      {yearVersion !== undefined && yearVersion !== questionnaire.version ? (
        <p className="form-note" role="note">
          这份草稿按 {questionnaire.year} 年度的问卷（第 {questionnaire.version}{' '}
          版）开始填写，仍按该版本完成和计分；本年度的新问卷使用第 {yearVersion} 版。
        </p>
      ) : null}

      <CommunitySelect
        communities={communities}
        value={values.communityCode}
        error={errorAt(errors, 'communityCode')}
        onChange={(code) =>
          setValue('communityCode', code, {
            shouldDirty: true,
            shouldValidate: formState.isSubmitted,
          })
        }
      />

      <AddressFields
        register={register}
        householdKey={key}
        typed={values.building !== '' || values.room !== ''}
        error={errorAt(errors, 'address')}
        areas={communities.find((c) => c.code === values.communityCode)?.areas}
      />
      <CountedWarning id={id} communityCode={values.communityCode} householdKey={key} />

      <fieldset className={`channel${errorAt(errors, 'channel') ? ' has-error' : ''}`}>
        <legend>采集方式</legend>
        <div className="options row">
          {COLLECTOR_CHANNELS.map((channel) => (
            <label
              key={channel}
              className={`option${values.channel === channel ? ' checked' : ''}`}
            >
              <input type="radio" value={channel} {...register('channel')} />
              {CHANNELS[channel]}
            </label>
          ))}
        </div>
        <FieldError message={errorAt(errors, 'channel')} />
      </fieldset>

      {SECTIONS.map((section) => (
        <section key={section.id}>
          <h2>{section.title}</h2>
          {questions
            .filter((q) => q.section === section.id)
            .map((question) =>
              question.kind === 'text' ? (
                <fieldset
                  key={question.id}
                  className={`question${errorAt(errors, `answers.${question.id}`) ? ' has-error' : ''}`}
                  ref={(el) => {
                    if (el) fieldsets.current.set(question.id, el);
                  }}
                >
                  <legend>
                    {question.number}、{question.text}
                  </legend>
                  <textarea
                    {...register('answers.q12')}
                    aria-label={`${question.number}、${question.text}`}
                    maxLength={SUGGESTION_MAX_LENGTH}
                    rows={4}
                  />
                  <p className="counter">
                    {values.answers.q12.length} / {SUGGESTION_MAX_LENGTH}
                  </p>
                  <FieldError message={errorAt(errors, 'answers.q12')} />
                </fieldset>
              ) : (
                <ChoiceQuestion
                  key={question.id}
                  question={question}
                  value={values.answers[question.id as AnswerKey]}
                  error={errorAt(errors, `answers.${question.id}`)}
                  otherText={otherTextOf(values.answers, question.id)}
                  otherError={errorAt(errors, `answers.${question.id}Other`)}
                  onOtherText={(text) =>
                    set(`${question.id}Other` as 'q10Other' | 'q11Other', text)
                  }
                  fieldsetRef={(el) => {
                    if (el) fieldsets.current.set(question.id, el);
                  }}
                  onChoose={(letter) => choose(question, letter)}
                  onNext={() => next(question.id)}
                />
              ),
            )}
        </section>
      ))}

      <SubmitFooter saveError={saveError} submitting={formState.isSubmitting}>
        {errorCount > 0 ? <p className="form-summary">还有 {errorCount} 处需要填写或修改</p> : null}
      </SubmitFooter>
    </form>
  );
}
