// The whole town's result in one call: each community's total, then its rank and grade within its
// type. This is what the results table and the 附件2-shaped export show.

import { type BonusRules, DEFAULT_BONUS_RULES } from './bonus.ts';
import { ScorecardError } from './errors.ts';
import {
  COMMUNITY_TYPES,
  type CommunityType,
  DEFAULT_GRADE_RULE,
  type Grade,
  type GradeRule,
  gradeCommunities,
} from './grades.ts';
import { type CommunityScoresInput, type CommunityTotal, communityTotal } from './total.ts';
import type { CoverageConsequence } from './year-settings.ts';

export interface CommunityAssessmentInput {
  readonly code: string;
  readonly type: CommunityType;
  readonly scores: CommunityScoresInput;
  /** The survey covers under 30% of the community's households. */
  readonly coverageBelowFloor?: boolean;
}

export interface CommunityAssessment extends CommunityTotal {
  readonly code: string;
  readonly type: CommunityType;
  /** null while the community is not graded (待定): see `AssessmentOptions.graded`. */
  readonly rank: number | null;
  /** How many communities of the type were ranked. */
  readonly ofType: number;
  readonly grade: Grade | null;
}

export interface AssessmentOptions {
  readonly gradeRule?: GradeRule;
  readonly bonusRules?: BonusRules;
  /**
   * `all` (default) ranks every total, an incomplete one counting its missing items as 0.
   * `complete` ranks and grades only complete communities, among themselves; the others get
   * rank and grade null (待定), so a total of 0 is never graded and never pushes others up.
   */
  readonly graded?: 'all' | 'complete';
  /** What coverage under 30% costs (year settings); `flag`, the default, costs nothing. */
  readonly coverageConsequence?: CoverageConsequence;
}

/**
 * Totals and grades every community, ordered by type (导入居 first), rank, then code. Grades are
 * provisional while any community's `complete` is false: an incomplete total counts its missing
 * items as 0. Throws a ScorecardError whose path starts with the community's code.
 */
export function assessCommunities(
  communities: readonly CommunityAssessmentInput[],
  options: AssessmentOptions = {},
): CommunityAssessment[] {
  const totals = new Map<string, CommunityTotal>();
  const consequence = options.coverageConsequence ?? 'flag';
  for (const community of communities) {
    // Under the floor with `no-survey-points`, only a coordinator's override gives the 30 points.
    const scores =
      consequence === 'no-survey-points' && community.coverageBelowFloor
        ? {
            ...community.scores,
            satisfaction: { ...community.scores.satisfaction, computed: null },
          }
        : community.scores;
    try {
      totals.set(community.code, communityTotal(scores, options.bonusRules ?? DEFAULT_BONUS_RULES));
    } catch (error) {
      if (!(error instanceof ScorecardError)) throw error;
      const path = error.path ? `${community.code}.${error.path}` : community.code;
      throw new ScorecardError(error.code, `居民区 ${community.code}：${error.message}`, path);
    }
  }
  const gradedSet =
    options.graded === 'complete'
      ? communities.filter((c) => totals.get(c.code)?.complete)
      : communities;
  const graded = gradeCommunities(
    gradedSet.map((c) => ({ code: c.code, type: c.type, total: totals.get(c.code)?.total ?? 0 })),
    options.gradeRule ?? DEFAULT_GRADE_RULE,
  );
  const belowFloor = new Set(communities.filter((c) => c.coverageBelowFloor).map((c) => c.code));
  const ranked = graded.map((g) => {
    const total = totals.get(g.code) as CommunityTotal;
    // `no-excellent` caps the grade after ranking: the rank and the others' grades stay.
    const grade =
      consequence === 'no-excellent' && belowFloor.has(g.code) && g.grade === '优秀'
        ? '良好'
        : g.grade;
    return { ...total, code: g.code, type: g.type, rank: g.rank, ofType: g.ofType, grade };
  });
  const gradedCodes = new Set(graded.map((g) => g.code));
  // Ungraded communities follow the graded ones of their type, by code.
  const pending = communities
    .filter((c) => !gradedCodes.has(c.code))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((c) => ({
      ...(totals.get(c.code) as CommunityTotal),
      code: c.code,
      type: c.type,
      rank: null,
      ofType: graded.filter((g) => g.type === c.type).length,
      grade: null,
    }));
  return COMMUNITY_TYPES.flatMap((type) => [
    ...ranked.filter((r) => r.type === type),
    ...pending.filter((r) => r.type === type),
  ]);
}
