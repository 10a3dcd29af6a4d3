import { type QuestionId, questionById } from '@jiuting/questionnaire';

/** `A. 业主`: the letter as printed on the paper form, then its label. */
export function optionText(questionId: QuestionId, letter: string): string {
  const option = questionById(questionId).options.find((o) => o.letter === letter);
  return option ? `${option.letter}. ${option.label}` : letter;
}

/** The chosen options of a question, in the order the form prints them. */
export function choicesText(questionId: QuestionId, letters: readonly string[]): string {
  const order = questionById(questionId).options.map((o) => o.letter);
  const rank = (letter: string) => {
    const index = order.indexOf(letter);
    return index === -1 ? order.length : index;
  };
  return [...letters]
    .sort((a, b) => rank(a) - rank(b))
    .map((letter) => optionText(questionId, letter))
    .join('；');
}

/** An interviewee's view in words, on question 8's scale (满意 / 比较满意 / 一般 / 不满意). */
export function viewLabel(letter: string): string {
  return questionById('q8').options.find((o) => o.letter === letter)?.label ?? letter;
}
