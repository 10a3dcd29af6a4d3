// The figures the plan leaves to the assessment team, set per year before the lock (with a
// reason, in the audit trail) like the grading rule: the self-governance case points, the
// interviews' share of the 30 satisfaction points, and what coverage under 30% costs.

import { type BonusRules, DEFAULT_BONUS_RULES } from './bonus.ts';
import { ScorecardError } from './errors.ts';
import { formatPoints, isFiniteNumber, isMultipleOf } from './points.ts';

/**
 * What a community whose survey covers under 30% of its households gets. The plan sets the
 * floor but no consequence: `flag` (default) only shows it; `no-excellent` keeps the community
 * out of 优秀 (良好 at best); `no-survey-points` does not count the survey's figure, so the
 * satisfaction points are missing until a coordinator overrides them with a reason.
 */
export const COVERAGE_CONSEQUENCES = ['flag', 'no-excellent', 'no-survey-points'] as const;
export type CoverageConsequence = (typeof COVERAGE_CONSEQUENCES)[number];

export const COVERAGE_CONSEQUENCE_LABELS: Readonly<Record<CoverageConsequence, string>> = {
  flag: '仅标注，不影响得分和等次',
  'no-excellent': '不得评为优秀（最高为良好）',
  'no-survey-points': '问卷得分不计入，须由考核专班写明理由后调整',
};

export interface YearSettings {
  /** One excellent self-governance case adds min..max points, in 0.5 steps. */
  readonly casePoints: { readonly min: number; readonly max: number };
  /** All cases together add at most this. */
  readonly casesCap: number;
  /** Share (0–1) of the 30 points from interviews (@jiuting/questionnaire's interviewShare). */
  readonly interviewShare: number;
  readonly coverageConsequence: CoverageConsequence;
}

export const DEFAULT_YEAR_SETTINGS: YearSettings = {
  casePoints: { min: DEFAULT_BONUS_RULES.casePoints.min, max: DEFAULT_BONUS_RULES.casePoints.max },
  casesCap: DEFAULT_BONUS_RULES.casesCap,
  interviewShare: 0,
  coverageConsequence: 'flag',
};

const invalid = (message: string, path: string) =>
  new ScorecardError('year_settings_invalid', message, path);

const halfPoints = (value: unknown, low: number, high: number): value is number =>
  isFiniteNumber(value) && value >= low && value <= high && isMultipleOf(value, 0.5);

export function checkYearSettings(settings: YearSettings): ScorecardError | null {
  const { casePoints, casesCap, interviewShare, coverageConsequence } = settings;
  if (!halfPoints(casePoints?.min, 0.5, 5)) {
    return invalid('每个优秀案例的最低加分应在 0.5 到 5 分之间，以 0.5 分为单位', 'casePoints.min');
  }
  if (!halfPoints(casePoints.max, casePoints.min, 5)) {
    return invalid(
      `每个优秀案例的最高加分应在 ${formatPoints(casePoints.min)} 到 5 分之间，以 0.5 分为单位`,
      'casePoints.max',
    );
  }
  if (!halfPoints(casesCap, casePoints.min, 5)) {
    return invalid(
      `优秀案例合计加分上限应在 ${formatPoints(casePoints.min)} 到 5 分之间，以 0.5 分为单位`,
      'casesCap',
    );
  }
  if (
    !isFiniteNumber(interviewShare) ||
    interviewShare < 0 ||
    interviewShare > 1 ||
    !isMultipleOf(interviewShare, 0.01)
  ) {
    return invalid('访谈在满意度得分中的占比应在 0% 到 100% 之间（整数百分比）', 'interviewShare');
  }
  if (!(COVERAGE_CONSEQUENCES as readonly unknown[]).includes(coverageConsequence)) {
    return invalid('覆盖率不足 30% 的处理方式不正确', 'coverageConsequence');
  }
  return null;
}

/** The bonus rules a year's settings give (the honour ladder is the plan's and stays). */
export function bonusRulesFor(settings: YearSettings): BonusRules {
  return {
    ...DEFAULT_BONUS_RULES,
    casePoints: { ...DEFAULT_BONUS_RULES.casePoints, ...settings.casePoints },
    casesCap: settings.casesCap,
  };
}

/** The settings in words, for the results page and the export. */
export function describeYearSettings(settings: YearSettings): string[] {
  return [
    `自治共治优秀案例：每个加 ${formatPoints(settings.casePoints.min)}–${formatPoints(settings.casePoints.max)} 分，合计不超过 ${formatPoints(settings.casesCap)} 分`,
    `满意度得分（30 分）：问卷占 ${Math.round((1 - settings.interviewShare) * 100)}%，特殊群体访谈占 ${Math.round(settings.interviewShare * 100)}%`,
    `问卷覆盖率低于 30%：${COVERAGE_CONSEQUENCE_LABELS[settings.coverageConsequence]}`,
  ];
}
