import {
  CURRENT_QUESTIONNAIRE,
  type QuestionId,
  type QuestionnaireDef,
  questionById,
} from '@jiuting/questionnaire';

// Labels are read from the edition the answer was given in (an item's questionnaireVersion):
// a 2026 item's changed option is exported as 2026 printed it, a 2025 item's as 附件1 did.

/** `A. 业主`: the letter as printed on the paper form, then its label. */
export function optionText(
  questionId: QuestionId,
  letter: string,
  questionnaire: QuestionnaireDef = CURRENT_QUESTIONNAIRE,
): string {
  const option = questionById(questionId, questionnaire).options.find((o) => o.letter === letter);
  return option ? `${option.letter}. ${option.label}` : letter;
}

/** The chosen options of a question, in the order the form prints them. */
export function choicesText(
  questionId: QuestionId,
  letters: readonly string[],
  questionnaire: QuestionnaireDef = CURRENT_QUESTIONNAIRE,
): string {
  const order = questionById(questionId, questionnaire).options.map((o) => o.letter);
  const rank = (letter: string) => {
    const index = order.indexOf(letter);
    return index === -1 ? order.length : index;
  };
  return [...letters]
    .sort((a, b) => rank(a) - rank(b))
    .map((letter) => optionText(questionId, letter, questionnaire))
    .join('；');
}

/** An interviewee's view in words, on question 8's scale (满意 / 比较满意 / 一般 / 不满意). */
export function viewLabel(letter: string): string {
  return questionById('q8').options.find((o) => o.letter === letter)?.label ?? letter;
}
