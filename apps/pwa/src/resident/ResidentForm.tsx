import {
  CURRENT_QUESTIONNAIRE,
  findQuestionnaire,
  type QuestionDef,
  type QuestionnaireDef,
  questionnaireHeading,
  questionnaireOrCurrent,
  SECTIONS,
  SUGGESTION_MAX_LENGTH,
} from '@jiuting/questionnaire';
import { useRef, useState } from 'react';
import { newId } from '../outbox/ids.ts';
import { ChoiceQuestion } from '../survey/ChoiceQuestion.tsx';
import { otherTextOf, toggleMultiple } from '../survey/choice.ts';
import { noteAnswer } from '../survey/paradata.ts';
import { shownHouseholdKey } from '../survey/survey-values.ts';
import { AddressBoxes } from './AddressBoxes.tsx';
import { invalidSummary, placesLeftCount, SUBMIT_MESSAGES } from './messages.ts';
import { PrivacyNotice } from './PrivacyNotice.tsx';
import { linkQuestionnaireVersion, type ResidentApi, type ResidentLink } from './resident-api.ts';
import type { DraftStore, ResidentDraft } from './resident-storage.ts';
import { errorsByField, type FieldErrors, type ResidentValues } from './resident-values.ts';

type Validate = typeof import('./resident-validation.ts').validateResident;
let validation: Promise<Validate> | null = null;

/**
 * zod and the schemas, fetched on the resident's first answer rather than with the page: the
 * form shows and takes answers without them (issue 17: bytes before the form is on screen).
 * A failed fetch (a weak connection) is tried again on the next call.
 */
function loadValidation(): Promise<Validate> {
  if (validation === null) {
    validation = import('./resident-validation.ts').then((module) => module.validateResident);
    validation.catch(() => {
      validation = null;
    });
  }
  return validation;
}

interface ResidentFormProps {
  readonly token: string;
  readonly link: ResidentLink;
  readonly api: ResidentApi;
  readonly store: DraftStore;
  readonly initial: ResidentDraft;
  readonly onReceived: (repeat: boolean) => void;
}

type AnswerKey = keyof ResidentValues['answers'];

const choiceQuestions = (questionnaire: QuestionnaireDef) =>
  questionnaire.questions.filter((q) => q.kind !== 'text');

/** How many of the 11 choice questions have an answer (question 12 is optional). */
export function answeredCount(
  answers: ResidentValues['answers'],
  questionnaire: QuestionnaireDef = CURRENT_QUESTIONNAIRE,
): number {
  return choiceQuestions(questionnaire).filter((q) => {
    const value = answers[q.id as AnswerKey] as string | readonly string[] | undefined;
    return typeof value === 'string' ? value !== '' : (value?.length ?? 0) > 0;
  }).length;
}

function scrollToFirstError() {
  setTimeout(() => {
    const first = document.querySelector<HTMLElement>('.has-error, .submit-error');
    first?.scrollIntoView?.({ block: 'center' });
  }, 0);
}

/** The 12 printed questions and the address; every keystroke kept, submitted online only. */
export function ResidentForm({ token, link, api, store, initial, onReceived }: ResidentFormProps) {
  const draft = useRef<ResidentDraft>(initial);
  // The edition a draft was filled in stays its own; a fresh one takes the link's year's.
  const questionnaire =
    findQuestionnaire(initial.values.questionnaireVersion) ??
    questionnaireOrCurrent(linkQuestionnaireVersion(link));
  const [values, setValues] = useState<ResidentValues>({
    ...initial.values,
    questionnaireVersion: questionnaire.version,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // A reload after a failed submit: the answers are back and the button says 重新提交.
  const resumed = initial.collectedAt !== null;
  const [attempted, setAttempted] = useState(resumed);
  const [failed, setFailed] = useState(resumed);
  const communityCode = link.community.code;
  // Only the latest change's messages are shown, whichever check finishes last.
  const checks = useRef(0);
  const submitting = useRef(false);

  function keep(next: Partial<ResidentDraft>) {
    draft.current = { ...draft.current, ...next };
    store.save(token, draft.current);
  }

  function change(next: ResidentValues) {
    setValues(next);
    keep({ values: next });
    const check = ++checks.current;
    const loaded = loadValidation();
    // Once a submit has shown messages, each fix clears its own message straight away.
    if (attempted) {
      void loaded.then(
        (validateResident) => {
          if (check !== checks.current) return;
          const result = validateResident(
            next,
            communityCode,
            draft.current.id,
            new Date().toISOString(),
          );
          setErrors(result.ok ? {} : result.errors);
        },
        () => {},
      );
    } else {
      loaded.catch(() => {});
    }
  }

  function setAnswer<K extends AnswerKey>(key: K, value: ResidentValues['answers'][K]) {
    change({ ...values, answers: { ...values.answers, [key]: value } });
  }

  /** A choice answered (not text typed): the paradata notes the first answer and each change. */
  function choose(question: QuestionDef, letter: string) {
    const key = question.id as AnswerKey;
    const previous = values.answers[key];
    const next =
      question.kind === 'multiple'
        ? toggleMultiple(question, previous as string[], letter)
        : letter;
    change({
      ...values,
      answers: { ...values.answers, [key]: next },
      paradata: noteAnswer(values.paradata, previous, next, new Date().toISOString()),
    });
  }

  async function submit() {
    if (submitting.current) return;
    submitting.current = true;
    try {
      await validateAndSend();
    } finally {
      submitting.current = false;
    }
  }

  async function validateAndSend() {
    setAttempted(true);
    let validateResident: Validate;
    try {
      validateResident = await loadValidation();
    } catch {
      setFailed(true);
      setSubmitError(SUBMIT_MESSAGES.unreachable);
      scrollToFirstError();
      return;
    }
    const collectedAt = draft.current.collectedAt ?? new Date().toISOString();
    const id = draft.current.id || newId();
    const result = validateResident(values, communityCode, id, collectedAt);
    if (!result.ok) {
      setErrors(result.errors);
      setSubmitError(invalidSummary(Object.keys(result.errors)));
      scrollToFirstError();
      return;
    }
    setErrors({});
    setSubmitError(null);
    // From here on this id and time are the questionnaire's: a retry sends the same response.
    keep({ id, collectedAt });
    setSending(true);
    const outcome = await api.submit(token, result.response);
    setSending(false);
    if (outcome.kind === 'received') {
      onReceived(outcome.repeat);
      return;
    }
    if (outcome.kind === 'invalid') {
      const byField = errorsByField(outcome.issues);
      setErrors(byField);
      const fields = Object.keys(byField).filter((k) => k !== '');
      setSubmitError(byField[''] && fields.length === 0 ? byField[''] : invalidSummary(fields));
    } else {
      setFailed(true);
      setSubmitError(SUBMIT_MESSAGES[outcome.kind]);
    }
    scrollToFirstError();
  }

  const householdKey = shownHouseholdKey(values);
  const answered = answeredCount(values.answers, questionnaire);
  const choiceCount = choiceQuestions(questionnaire).length;
  const left = placesLeftCount(Object.keys(errors));

  return (
    <form
      className="resident-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h1>{questionnaireHeading(link.community.name)}</h1>
      {resumed && submitError === null ? (
        <p className="resumed">上次提交没有成功，您填写的内容已恢复，请点页面底部的“重新提交”。</p>
      ) : null}
      <PrivacyNotice />
      <div className="answered-bar" data-testid="answered">
        <span>
          已答 {answered}/{choiceCount}
        </span>
        <progress max={choiceCount} value={answered} aria-label="已答题数" />
        {/* After a refused submit the count of what is left stays in view while scrolling. */}
        {left > 0 ? <span className="left-to-do">还有 {left} 处未完成</span> : null}
      </div>
      {SECTIONS.map((section) => (
        <section key={section.id}>
          <h2>{section.title}</h2>
          {section.id === 'basic' ? (
            <AddressBoxes
              area={values.area}
              road={values.road}
              lane={values.lane}
              building={values.building}
              unit={values.unit}
              room={values.room}
              householdKey={householdKey}
              error={errors.address}
              onChange={(field, text) => change({ ...values, [field]: text })}
            />
          ) : null}
          {questionnaire.questions
            .filter((q) => q.section === section.id)
            .map((question) =>
              question.kind === 'text' ? (
                <fieldset
                  key={question.id}
                  className={`question${errors[question.id] ? ' has-error' : ''}`}
                  data-question={question.id}
                >
                  <legend id={`${question.id}-legend`}>
                    {question.number}、{question.text}（选填）
                  </legend>
                  <textarea
                    name={question.id}
                    aria-labelledby={`${question.id}-legend`}
                    aria-describedby={errors[question.id] ? `${question.id}-error` : undefined}
                    rows={4}
                    maxLength={SUGGESTION_MAX_LENGTH}
                    value={values.answers.q12}
                    onChange={(event) => setAnswer('q12', event.target.value)}
                  />
                  <p className="counter">
                    {values.answers.q12.length} / {SUGGESTION_MAX_LENGTH}
                  </p>
                  {errors[question.id] ? (
                    <p className="field-error" id={`${question.id}-error`}>
                      {errors[question.id]}
                    </p>
                  ) : null}
                </fieldset>
              ) : (
                <ChoiceQuestion
                  key={question.id}
                  question={question}
                  value={values.answers[question.id as AnswerKey]}
                  error={errors[question.id]}
                  otherText={otherTextOf(values.answers, question.id)}
                  otherError={errors[`${question.id}Other`]}
                  onChoose={(letter) => choose(question, letter)}
                  onOtherText={(text) => setAnswer(`${question.id}Other` as 'q10Other', text)}
                  announceError={false}
                />
              ),
            )}
        </section>
      ))}
      {submitError ? (
        <p className="submit-error" role="alert">
          {submitError}
        </p>
      ) : null}
      <button type="submit" className="submit" disabled={sending}>
        {sending ? '正在提交…' : failed ? '重新提交' : '提交问卷'}
      </button>
    </form>
  );
}
