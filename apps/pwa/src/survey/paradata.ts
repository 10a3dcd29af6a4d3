import type { SurveyParadata } from '@jiuting/questionnaire';

// How a questionnaire was filled, kept with the draft so a reload loses nothing: the moment of
// the first answer, and how many answers already given were changed. Sent with the response as
// its optional `paradata` (part of the item, so fixed once it is queued).

export interface FillParadata {
  /** The first answer's time (the phone's clock); null until a question is answered. */
  readonly startedAt: string | null;
  readonly answerChanges: number;
}

export const NO_PARADATA: FillParadata = { startedAt: null, answerChanges: 0 };

/**
 * An answer changed, rather than given: a single choice replaced by another letter, or a
 * multiple choice losing a letter it had. Ticking one more box of a multiple choice is still
 * answering it.
 */
export function isAnswerChange(previous: unknown, next: unknown): boolean {
  if (Array.isArray(previous)) {
    const kept = new Set(Array.isArray(next) ? next : []);
    return previous.some((letter) => !kept.has(letter));
  }
  return typeof previous === 'string' && previous !== '' && previous !== next;
}

/** The paradata after a choice: the first answer starts the clock; a change is counted. */
export function noteAnswer(
  paradata: FillParadata | undefined,
  previous: unknown,
  next: unknown,
  now: string,
): FillParadata {
  const current = paradata ?? NO_PARADATA;
  return {
    startedAt: current.startedAt ?? now,
    answerChanges: current.answerChanges + (isAnswerChange(previous, next) ? 1 : 0),
  };
}

/** What the response carries, or nothing before any answer (an old draft resumed). */
export function paradataOf(paradata: FillParadata | undefined): SurveyParadata | undefined {
  if (!paradata || paradata.startedAt === null) return undefined;
  return { startedAt: paradata.startedAt, answerChanges: paradata.answerChanges };
}
