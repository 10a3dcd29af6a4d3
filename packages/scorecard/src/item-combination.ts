// Where 附件2 names several departments for one item, each keeps its own entry and the lead
// confirms one figure for the item. How that figure follows from the entries is stated, never
// implied by who saved last.

import { type ItemId, itemById } from './assessment-table.ts';
import { type DepartmentId, departmentById } from './departments.ts';
import { ScorecardError } from './errors.ts';
import { formatPoints } from './points.ts';

/**
 * `lead` (the default): the confirming lead's own figure; where the lead entered none, the one
 * figure every department that entered agrees on. `mean`: the mean of every department's
 * figure, rounded half up to the item's step (0.5).
 */
export const COMBINATION_RULES = ['lead', 'mean'] as const;
export type CombinationRule = (typeof COMBINATION_RULES)[number];
export const DEFAULT_COMBINATION_RULE: CombinationRule = 'lead';

export const COMBINATION_RULE_LABELS: Readonly<Record<CombinationRule, string>> = {
  lead: '以牵头部门的评分为准',
  mean: '取各部门评分的平均值（按 0.5 分四舍五入）',
};

export interface DepartmentEntry {
  readonly department: DepartmentId;
  readonly points: number;
  readonly basis: string;
}

export interface CombinedScore {
  readonly points: number;
  readonly rule: CombinationRule;
  /** Why this figure, in words a coordinator can read out to a community. */
  readonly basis: string;
}

export function isCombinationRule(value: unknown): value is CombinationRule {
  return (COMBINATION_RULES as readonly unknown[]).includes(value);
}

/** One community's figure for an item from its departments' entries. Throws a ScorecardError. */
export function combineItemEntries(
  itemId: ItemId,
  entries: readonly DepartmentEntry[],
  options: { rule?: CombinationRule; lead: DepartmentId },
): CombinedScore {
  const rule = options.rule ?? DEFAULT_COMBINATION_RULE;
  if (!isCombinationRule(rule)) {
    throw new ScorecardError('combination_rule_invalid', `未知的合成规则：${String(rule)}`, 'rule');
  }
  if (entries.length === 0) {
    throw new ScorecardError('entries_missing', '还没有任何部门评分', 'entries');
  }
  const name = (d: DepartmentId) => departmentById(d).name;
  if (rule === 'lead') {
    const own = entries.find((e) => e.department === options.lead);
    if (own) return { points: own.points, rule, basis: own.basis };
    const figures = new Set(entries.map((e) => e.points));
    if (figures.size > 1) {
      throw new ScorecardError(
        'entries_disagree',
        `各部门评分不一致（${entries.map((e) => `${name(e.department)} ${formatPoints(e.points)} 分`).join('、')}），牵头部门${name(options.lead)}须录入本部门的评分或选择取平均值`,
        'entries',
      );
    }
    const [first] = entries;
    return { points: first?.points ?? 0, rule, basis: first?.basis ?? '' };
  }
  const step = itemById(itemId).step;
  // Half up on the decimal mean, as the satisfaction points are: 7.25 → 7.5, 7.2 → 7.
  const hundredths = entries.reduce((sum, e) => sum + Math.round(e.points * 100), 0);
  const mean = hundredths / entries.length / 100;
  const points = Math.round(Number((mean / step).toPrecision(12))) * step;
  return {
    points,
    rule,
    basis: `各部门平均：${entries.map((e) => `${name(e.department)} ${formatPoints(e.points)} 分`).join('、')}`,
  };
}
