import type { QuestionDef } from '@jiuting/questionnaire';
import type { KeyboardEvent, Ref } from 'react';
import { letterOfKey } from './choice.ts';

interface ChoiceQuestionProps {
  readonly question: QuestionDef;
  readonly value: string | readonly string[];
  readonly error?: string;
  readonly otherText?: string;
  readonly otherError?: string;
  readonly fieldsetRef?: Ref<HTMLFieldSetElement>;
  readonly onChoose: (letter: string) => void;
  readonly onOtherText?: (text: string) => void;
  /** Enter on a multiple-choice question: go on to the next question. */
  readonly onNext?: () => void;
  /**
   * Read the error out as it appears (role="alert"). A page that announces one summary of all
   * its errors passes false, or a screen reader reads a dozen alerts at once.
   */
  readonly announceError?: boolean;
}

// Printed questions carry (单选)/(多选): paper and screen read the same.
function marker(question: QuestionDef): string {
  if (question.kind === 'single') return '(单选)';
  if (question.kind === 'multiple') return '(多选)';
  return '';
}

function isTyping(target: EventTarget): boolean {
  return (
    target instanceof HTMLElement &&
    (target.tagName === 'TEXTAREA' || (target as HTMLInputElement).type === 'text')
  );
}

/** One printed question as large tap targets; a typed option letter chooses it (paper entry). */
export function ChoiceQuestion(props: ChoiceQuestionProps) {
  const { question, value, error } = props;
  const multiple = question.kind === 'multiple';
  const chosen = Array.isArray(value) ? value : value === '' ? [] : [value as string];
  const otherOption = question.options.find((o) => o.takesText);
  const errorId = `${question.id}-error`;
  const errorRole = props.announceError === false ? undefined : 'alert';

  function onKeyDown(event: KeyboardEvent<HTMLFieldSetElement>) {
    if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Enter' && multiple) {
      event.preventDefault();
      props.onNext?.();
      return;
    }
    const letter = letterOfKey(question, event.key);
    if (letter === undefined) return;
    event.preventDefault();
    props.onChoose(letter);
  }

  return (
    <fieldset
      className={`question${error ? ' has-error' : ''}`}
      ref={props.fieldsetRef}
      onKeyDown={onKeyDown}
      data-question={question.id}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>
        {question.number}、{question.text}
        {marker(question)}
      </legend>
      {error ? (
        <p className="field-error" id={errorId} role={errorRole}>
          {error}
        </p>
      ) : null}
      <div className="options">
        {question.options.map((option) => {
          const checked = chosen.includes(option.letter);
          return (
            <label key={option.letter} className={`option${checked ? ' checked' : ''}`}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={question.id}
                value={option.letter}
                checked={checked}
                onChange={() => props.onChoose(option.letter)}
              />
              <span className="letter">{option.letter}.</span> {option.label}
            </label>
          );
        })}
      </div>
      {otherOption && chosen.includes(otherOption.letter) ? (
        <label className="other-text">
          <span>请注明“{otherOption.label}”</span>
          <input
            type="text"
            value={props.otherText ?? ''}
            maxLength={question.maxLength}
            onChange={(event) => props.onOtherText?.(event.target.value)}
            aria-invalid={props.otherError ? true : undefined}
          />
          {props.otherError ? (
            <span className="field-error" role={errorRole}>
              {props.otherError}
            </span>
          ) : null}
        </label>
      ) : null}
    </fieldset>
  );
}
