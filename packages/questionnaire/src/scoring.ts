import {
  CURRENT_QUESTIONNAIRE,
  findQuestionnaire,
  type QuestionnaireDef,
  questionById,
  SCORED_QUESTION_IDS,
  type ScoredQuestionId,
} from './questionnaire.ts';

/** The letters chosen for the scored questions; the rest of the answers carry no points. */
export type ScoredAnswers = Readonly<Record<ScoredQuestionId, string>>;

export interface SurveyScore {
  /** 0–100: the sum of the seven scored questions. */
  readonly total: number;
  readonly byQuestion: Readonly<Record<ScoredQuestionId, number>>;
}

/**
 * The points of one answered question, from the edition's 得分说明 (附件1's unless named). Throws
 * on a letter the question does not print.
 */
export function optionPoints(
  questionId: ScoredQuestionId,
  letter: string,
  questionnaire: QuestionnaireDef = CURRENT_QUESTIONNAIRE,
): number {
  const option = questionById(questionId, questionnaire).options.find((o) => o.letter === letter);
  if (option?.points === undefined) {
    throw new RangeError(`${questionId} has no scored option ${letter}`);
  }
  return option.points;
}

/**
 * Scores a valid answer set by the edition it was answered with (validate it with that edition's
 * schema first; an item's own `questionnaireVersion` names it).
 */
export function scoreSurvey(
  answers: ScoredAnswers,
  questionnaire: QuestionnaireDef = CURRENT_QUESTIONNAIRE,
): SurveyScore {
  const byQuestion = {} as Record<ScoredQuestionId, number>;
  let total = 0;
  for (const id of SCORED_QUESTION_IDS) {
    const points = optionPoints(id, answers[id], questionnaire);
    byQuestion[id] = points;
    total += points;
  }
  return { total, byQuestion };
}

/**
 * Scores a valid response by the edition its own `questionnaireVersion` names. Throws a
 * RangeError for a version no edition has (the schema refuses those before anything is scored).
 */
export function scoreResponse(response: {
  readonly questionnaireVersion: number;
  readonly answers: ScoredAnswers;
}): SurveyScore {
  const questionnaire = findQuestionnaire(response.questionnaireVersion);
  if (!questionnaire) {
    throw new RangeError(`no questionnaire version ${response.questionnaireVersion}`);
  }
  return scoreSurvey(response.answers, questionnaire);
}
