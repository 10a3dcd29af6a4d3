// 三、绩效评价: communities are graded 优秀 / 良好 / 一般 separately within 导入居 and 村改居. The
// plan names no rule, so the rule is configurable; the default is `shares` (README):
//   within each type, rank by total (equal totals share a rank: 1, 2, 2, 4 …);
//   优秀 if rank ≤ ⌊n × 30%⌋, 良好 if rank ≤ ⌊n × (30% + 50%)⌋, else 一般.
// Rounding down reads the shares as ceilings (不超过 30%), the usual reading of a grade quota.
// Equal totals always get the same grade: a tie that straddles a boundary goes UP (all tied
// communities get the better grade, so the quota is exceeded by the tie), because communities
// with the same total did equally well and a quota must not separate them by input order.

import { ScorecardError } from './errors.ts';
import { isFiniteNumber, toHundredths } from './points.ts';

export const COMMUNITY_TYPES = ['导入居', '村改居'] as const;
export type CommunityType = (typeof COMMUNITY_TYPES)[number];

export const GRADES = ['优秀', '良好', '一般'] as const;
export type Grade = (typeof GRADES)[number];

export interface SharesGradeRule {
  readonly kind: 'shares';
  /** Whole percent of each type's communities that may be 优秀. */
  readonly excellentPercent: number;
  /** Whole percent, after the 优秀 share, that may be 良好; the rest are 一般. */
  readonly goodPercent: number;
}

export interface GradeThresholds {
  /** A total at or above this is 优秀. */
  readonly excellentFrom: number;
  /** A total at or above this (and below excellentFrom) is 良好. */
  readonly goodFrom: number;
}

export interface ThresholdsGradeRule extends GradeThresholds {
  readonly kind: 'thresholds';
  /** Other thresholds for one type, if the town sets them apart. */
  readonly byType?: Readonly<Partial<Record<CommunityType, GradeThresholds>>>;
}

export type GradeRule = SharesGradeRule | ThresholdsGradeRule;

export const DEFAULT_GRADE_RULE: GradeRule = {
  kind: 'shares',
  excellentPercent: 30,
  goodPercent: 50,
};

export interface GradeInput {
  readonly code: string;
  readonly type: CommunityType;
  readonly total: number;
}

export interface GradedCommunity extends GradeInput {
  /** 1-based within its type; equal totals share a rank. */
  readonly rank: number;
  /** Communities of its type. */
  readonly ofType: number;
  readonly grade: Grade;
}

export function checkGradeRule(rule: GradeRule): ScorecardError | null {
  if (rule.kind === 'shares') {
    const { excellentPercent: e, goodPercent: g } = rule;
    if (!Number.isInteger(e) || !Number.isInteger(g) || e < 0 || g < 0 || e + g > 100) {
      return new ScorecardError(
        'grade_rule_invalid',
        '优秀、良好比例应为整数百分比，且合计不超过 100%',
      );
    }
    return null;
  }
  const all = [rule, ...Object.values(rule.byType ?? {})];
  for (const t of all) {
    if (
      !isFiniteNumber(t.excellentFrom) ||
      !isFiniteNumber(t.goodFrom) ||
      t.goodFrom > t.excellentFrom
    ) {
      return new ScorecardError('grade_rule_invalid', '良好分数线不能高于优秀分数线');
    }
  }
  return null;
}

/** How many of n communities the shares rule lets reach 优秀, and 优秀 or 良好. */
export function shareSlots(n: number, rule: SharesGradeRule): { excellent: number; good: number } {
  // Integer arithmetic: n × 30 / 100 is exact, unlike n × 0.3.
  return {
    excellent: Math.floor((n * rule.excellentPercent) / 100),
    good: Math.floor((n * (rule.excellentPercent + rule.goodPercent)) / 100),
  };
}

function checkCommunities(communities: readonly GradeInput[]): void {
  const codes = new Set<string>();
  communities.forEach((c, index) => {
    if (!COMMUNITY_TYPES.includes(c.type)) {
      throw new ScorecardError(
        'community_type_invalid',
        `居民区 ${c.code} 的类型应为导入居或村改居`,
        `${index}.type`,
      );
    }
    if (!isFiniteNumber(c.total)) {
      throw new ScorecardError(
        'total_not_a_number',
        `居民区 ${c.code} 的总分应为数字`,
        `${index}.total`,
      );
    }
    if (codes.has(c.code)) {
      throw new ScorecardError('community_duplicate', `居民区 ${c.code} 重复出现`, `${index}.code`);
    }
    codes.add(c.code);
  });
}

function gradeByThresholds(total: number, t: GradeThresholds): Grade {
  const cents = toHundredths(total);
  if (cents >= toHundredths(t.excellentFrom)) return '优秀';
  if (cents >= toHundredths(t.goodFrom)) return '良好';
  return '一般';
}

function gradingFor(
  rule: GradeRule,
  type: CommunityType,
  n: number,
): (rank: number, total: number) => Grade {
  if (rule.kind === 'shares') {
    const slots = shareSlots(n, rule);
    return (rank) => (rank <= slots.excellent ? '优秀' : rank <= slots.good ? '良好' : '一般');
  }
  const thresholds = rule.byType?.[type] ?? rule;
  return (_rank, total) => gradeByThresholds(total, thresholds);
}

/**
 * Ranks and grades communities within each type. The result is ordered by type (导入居 first),
 * rank, then code, so it does not depend on the order of the input. Totals are compared to the
 * hundredth (as displayed). Throws a ScorecardError on a bad rule or community.
 */
export function gradeCommunities(
  communities: readonly GradeInput[],
  rule: GradeRule = DEFAULT_GRADE_RULE,
): GradedCommunity[] {
  const ruleError = checkGradeRule(rule);
  if (ruleError) throw ruleError;
  checkCommunities(communities);

  return COMMUNITY_TYPES.flatMap((type) => {
    const ofType = communities
      .filter((c) => c.type === type)
      .map((c) => ({ ...c, cents: toHundredths(c.total) }))
      .sort((a, b) => b.cents - a.cents || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const n = ofType.length;
    const gradeOf = gradingFor(rule, type, n);
    return ofType.map(({ cents, ...community }) => {
      const rank = 1 + ofType.filter((other) => other.cents > cents).length;
      return { ...community, rank, ofType: n, grade: gradeOf(rank, community.total) };
    });
  });
}
