import type { InterviewGroup } from './interview.ts';
import { questionById } from './questionnaire.ts';

/** 附件2 row 1: surveyed households must reach at least 30% of a community's households. */
export const COVERAGE_TARGET = 0.3;
/** 附件2 row 1, item 2: at least 20 interviews with special groups per community. */
export const INTERVIEW_TARGET = 20;
/**
 * Which response of a household counts, the same in coverage, scores and exports: a
 * canvasser's (door, phone, paper) first valid response; a resident's QR response only while
 * the household has no valid canvasser's response. The QR link hangs on a notice board, so
 * anyone holding it could otherwise answer for a household before the canvasser arrives. Every
 * response is kept; the others are repeats. Ties within a channel group go to the first to
 * arrive.
 */
export const COUNTED_RESPONSE_RULE = 'canvasser-first' as const;

/** The satisfaction survey is 30 of the community's 100 points. */
export const SATISFACTION_MAX_POINTS = 30;

export interface Coverage {
  readonly surveyedHouseholds: number;
  readonly totalHouseholds: number;
  /** 0–1; 0 when the community's household count is not known (0). */
  readonly ratio: number;
  readonly meetsTarget: boolean;
  /** Households still to survey to reach the 30% line (0 once reached). */
  readonly shortfall: number;
}

export function householdCoverage(surveyedHouseholds: number, totalHouseholds: number): Coverage {
  const ratio = totalHouseholds > 0 ? surveyedHouseholds / totalHouseholds : 0;
  const needed = Math.ceil(totalHouseholds * COVERAGE_TARGET - 1e-9);
  return {
    surveyedHouseholds,
    totalHouseholds,
    ratio,
    meetsTarget: totalHouseholds > 0 && surveyedHouseholds >= needed,
    shortfall: Math.max(0, needed - surveyedHouseholds),
  };
}

export interface InterviewProgress {
  readonly count: number;
  readonly target: number;
  readonly meetsTarget: boolean;
  readonly shortfall: number;
}

export function interviewProgress(count: number): InterviewProgress {
  return {
    count,
    target: INTERVIEW_TARGET,
    meetsTarget: count >= INTERVIEW_TARGET,
    shortfall: Math.max(0, INTERVIEW_TARGET - count),
  };
}

/** An interviewee's view, on question 8's scale, as a 0–100 score comparable to a questionnaire's. */
export function interviewViewScore(view: string): number {
  const q8 = questionById('q8');
  const option = q8.options.find((o) => o.letter === view);
  if (option?.points === undefined || q8.maxPoints === undefined) {
    throw new RangeError(`no view ${view} on question 8's scale`);
  }
  return (option.points / q8.maxPoints) * 100;
}

export interface SatisfactionRule {
  /**
   * The share (0–1) of the 30 points that comes from interviews rather than questionnaires.
   * The plan gives the 30 points but no formula; the default counts questionnaires only.
   */
  readonly interviewShare: number;
}

export const DEFAULT_SATISFACTION_RULE: SatisfactionRule = { interviewShare: 0 };

/**
 * The community's satisfaction points out of 30:
 *   30 × ((1 − s) × mean questionnaire score + s × mean interview score) ÷ 100,
 * rounded to two decimals, where s is `rule.interviewShare`. With no interviews the questionnaire
 * mean stands alone; with no counted questionnaire there are no points yet (null).
 */
export function satisfactionPoints(
  meanSurveyScore: number | null,
  meanInterviewScore: number | null,
  rule: SatisfactionRule = DEFAULT_SATISFACTION_RULE,
): number | null {
  if (!(rule.interviewShare >= 0 && rule.interviewShare <= 1)) {
    throw new RangeError('interviewShare must be between 0 and 1');
  }
  // A mean outside 0–100 is a caller's mistake, and would give more than 30 points or fewer than 0.
  for (const score of [meanSurveyScore, meanInterviewScore]) {
    if (score !== null && !(score >= 0 && score <= 100)) {
      throw new RangeError('mean scores must be between 0 and 100');
    }
  }
  if (meanSurveyScore === null) return null;
  const share = meanInterviewScore === null ? 0 : rule.interviewShare;
  const blended = (1 - share) * meanSurveyScore + share * (meanInterviewScore ?? 0);
  return roundHalfUpToHundredths((SATISFACTION_MAX_POINTS * blended) / 100);
}

/**
 * Rounds to 0.01, half up, on the decimal value a person would write down: 18.525 → 18.53.
 * The binary double for 18.525 is 18.52499…, so Math.round(x × 100) gives 18.52; reading the
 * hundredths back at 12 significant digits first drops that representation noise (and the noise
 * of the blend) while keeping every digit a mean of real answers can carry.
 */
export function roundHalfUpToHundredths(value: number): number {
  const hundredths = Number((value * 100).toPrecision(12));
  return Math.round(hundredths) / 100;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** 三、绩效评价 grades the communities separately by type. */
export const COMMUNITY_TYPES = ['导入居', '村改居'] as const;
export type CommunityType = (typeof COMMUNITY_TYPES)[number];

/**
 * One community's figures, as GET /api/coverage answers them: the server computes them, the
 * dashboard shows them, the export writes them. One shape, so the three can never disagree.
 */
export interface CommunityCoverage {
  readonly code: string;
  readonly name: string;
  readonly type: CommunityType;
  readonly totalHouseholds: number;
  /** Distinct households with a counted (first valid) response. */
  readonly surveyedHouseholds: number;
  /** surveyedHouseholds ÷ totalHouseholds, 0–1 (0 when the household count is unknown). */
  readonly coverage: number;
  readonly meetsTarget: boolean;
  /** Households still to survey to reach the 30% line. */
  readonly shortfall: number;
  /** Valid responses stored, repeats included. */
  readonly responses: number;
  /** Responses from a household already counted. */
  readonly repeats: number;
  readonly interviews: {
    readonly total: number;
    readonly target: number;
    readonly meetsTarget: boolean;
    readonly shortfall: number;
    readonly byGroup: Readonly<Record<InterviewGroup, number>>;
  };
  /** Mean 0–100 score of the counted responses; null before the first. */
  readonly meanSurveyScore: number | null;
  readonly meanInterviewScore: number | null;
  /** Out of 30, by satisfactionPoints(); null before the first counted response. */
  readonly satisfactionPoints: number | null;
  /** ISO time of the latest response or interview; null when there is none. */
  readonly lastActivityAt: string | null;
  /**
   * The household register (户册): with one, totalHouseholds is its households whose status is
   * 居住 and surveyedHouseholds those of them with a counted response; `outside` counts valid
   * responses whose address is not in it (册外), not counted until reviewed. null: 未建户册, and
   * totalHouseholds is the typed total.
   */
  readonly register: { readonly outside: number } | null;
}
