import type { QuestionDef } from '@jiuting/questionnaire';

/**
 * Toggles one letter of a multiple-choice question. An exclusive option (q10's `I. 无`) clears
 * every other choice, and any other choice clears it. The result keeps the printed order.
 */
export function toggleMultiple(
  question: QuestionDef,
  chosen: readonly string[],
  letter: string,
): string[] {
  const option = question.options.find((o) => o.letter === letter);
  if (!option) return [...chosen];
  if (chosen.includes(letter)) return chosen.filter((l) => l !== letter);
  const exclusive = new Set(question.options.filter((o) => o.exclusive).map((o) => o.letter));
  const next = option.exclusive ? [letter] : [...chosen.filter((l) => !exclusive.has(l)), letter];
  const order = question.options.map((o) => o.letter);
  return next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** The option a typed key names (`c` and `C` both mean q10's printed `c.` option), or undefined. */
export function letterOfKey(question: QuestionDef, key: string): string | undefined {
  if (key.length !== 1) return undefined;
  const upper = key.toUpperCase();
  return question.options.find((o) => o.letter === upper)?.letter;
}

/** The 其他 text typed for q10 or q11 (the only questions with one); undefined for the others. */
export function otherTextOf(
  answers: { readonly q10Other: string; readonly q11Other: string },
  questionId: string,
): string | undefined {
  if (questionId === 'q10') return answers.q10Other;
  if (questionId === 'q11') return answers.q11Other;
  return undefined;
}
