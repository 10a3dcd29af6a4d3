import { questionById } from '@jiuting/questionnaire';
import type { AssessmentExportData, ResponseDetailRow } from './types.ts';

export type TalliedQuestionId = 'q10' | 'q11';
export const TALLIED_QUESTION_IDS: readonly TalliedQuestionId[] = ['q10', 'q11'];

export interface CommunityRef {
  readonly code: string;
  readonly name: string;
}

export interface OptionTally {
  readonly questionId: TalliedQuestionId;
  readonly letter: string;
  readonly label: string;
  /** Responses that chose this option, town-wide. */
  readonly town: number;
  /** Responses that chose this option, by community code (0 where none did). */
  readonly byCommunity: Readonly<Record<string, number>>;
}

export interface SuggestionTallies {
  /** Column order: the summary's communities, then any other community a response names. */
  readonly communities: readonly CommunityRef[];
  /** Counted responses, the denominator of every share. */
  readonly respondents: {
    readonly town: number;
    readonly byCommunity: Readonly<Record<string, number>>;
  };
  readonly options: readonly OptionTally[];
}

/**
 * How many counted responses chose each option of q10 (problems) and q11 (hopes). One pass over
 * the responses (an export streams them from the database; each pass is a read of the year).
 */
export function tallySuggestions(data: AssessmentExportData): SuggestionTallies {
  const tally = suggestionTally(data.communities);
  for (const response of data.responses) tally.add(response);
  return tally.result();
}

/**
 * The same count, fed one response at a time: the workbook counts while it writes 问卷明细, so
 * the year is read once, not once more for 问题与建议.
 */
export function suggestionTally(summary: readonly CommunityRef[]): {
  add(response: ResponseDetailRow): void;
  result(): SuggestionTallies;
} {
  const communities: CommunityRef[] = summary.map(({ code, name }) => ({ code, name }));
  const known = new Set(communities.map((c) => c.code));
  // Counts keyed by community code start from no prototype: `constructor` is a valid code, and
  // `{}['constructor'] ?? 0` is a function, not 0.
  const perCommunity = () => Object.create(null) as Record<string, number>;
  const respondents = { town: 0, byCommunity: perCommunity() };
  const counts = new Map<string, { town: number; byCommunity: Record<string, number> }>();
  const key = (questionId: TalliedQuestionId, letter: string) => `${questionId}:${letter}`;
  for (const questionId of TALLIED_QUESTION_IDS) {
    for (const option of questionById(questionId).options) {
      counts.set(key(questionId, option.letter), { town: 0, byCommunity: perCommunity() });
    }
  }

  const add = (response: ResponseDetailRow) => {
    const code = response.communityCode;
    if (!known.has(code)) {
      known.add(code);
      communities.push({ code, name: response.communityName });
    }
    respondents.town += 1;
    respondents.byCommunity[code] = (respondents.byCommunity[code] ?? 0) + 1;
    for (const questionId of TALLIED_QUESTION_IDS) {
      // A Set, so a letter listed twice is still one household's one choice.
      for (const letter of new Set(response.answers[questionId])) {
        const tally = counts.get(key(questionId, letter));
        if (!tally) continue;
        tally.town += 1;
        tally.byCommunity[code] = (tally.byCommunity[code] ?? 0) + 1;
      }
    }
  };

  const result = (): SuggestionTallies => {
    // Every community in every count, 0 where none answered, in column order.
    const filled = (byCommunity: Record<string, number>) =>
      Object.fromEntries(communities.map((c) => [c.code, byCommunity[c.code] ?? 0])) as Record<
        string,
        number
      >;
    const options = TALLIED_QUESTION_IDS.flatMap((questionId) =>
      questionById(questionId).options.map((option) => {
        const tally = counts.get(key(questionId, option.letter)) ?? {
          town: 0,
          byCommunity: perCommunity(),
        };
        return {
          questionId,
          letter: option.letter,
          label: option.label,
          town: tally.town,
          byCommunity: filled(tally.byCommunity),
        };
      }),
    );
    return {
      communities,
      respondents: { town: respondents.town, byCommunity: filled(respondents.byCommunity) },
      options,
    };
  };
  return { add, result };
}
