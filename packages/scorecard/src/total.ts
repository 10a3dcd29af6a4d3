// A community's total: the indicators' points (0–100) + bonus (0–5) − deductions (0–5).

import {
  INDICATORS,
  type IndicatorId,
  ITEMS,
  type ItemId,
  isItemId,
  itemById,
  SATISFACTION_ITEM_ID,
} from './assessment-table.ts';
import {
  type BonusInput,
  type BonusResult,
  type BonusRules,
  computeBonus,
  DEFAULT_BONUS_RULES,
} from './bonus.ts';
import { computeDeductions, type DeductionCase, type DeductionResult } from './deductions.ts';
import { ScorecardError, under } from './errors.ts';
import { checkItemPoints } from './item-scores.ts';
import { sumPoints } from './points.ts';
import {
  resolveSatisfaction,
  type SatisfactionInput,
  type SatisfactionResult,
} from './satisfaction.ts';

export interface CommunityScoresInput {
  readonly satisfaction: SatisfactionInput;
  /** The confirmed points of the department-scored items; an item not yet confirmed is absent. */
  readonly items: Readonly<Partial<Record<ItemId, number>>>;
  readonly bonus: BonusInput;
  readonly deductions: readonly DeductionCase[];
}

export interface CommunityTotal {
  readonly satisfaction: SatisfactionResult;
  /** Every item's points, null where none is given yet (counted as 0 in the sums). */
  readonly items: Readonly<Record<ItemId, number | null>>;
  readonly indicators: Readonly<Record<IndicatorId, number>>;
  /** Sum of the six indicators, 0–100. */
  readonly indicatorPoints: number;
  readonly bonus: BonusResult;
  readonly deductions: DeductionResult;
  /** −5 to 105. Provisional while `complete` is false. */
  readonly total: number;
  /** True once every item, the satisfaction points included, has its points. */
  readonly complete: boolean;
  readonly missing: readonly ItemId[];
}

/** Computes a community's total. Throws a ScorecardError on the first invalid figure. */
export function communityTotal(
  input: CommunityScoresInput,
  bonusRules: BonusRules = DEFAULT_BONUS_RULES,
): CommunityTotal {
  for (const [itemId, points] of Object.entries(input.items)) {
    if (points === undefined) continue;
    const path = `items.${itemId}`;
    if (isItemId(itemId) && itemById(itemId).scoredBy === 'survey') {
      throw new ScorecardError(
        'item_not_department_scored',
        '群众满意度测评的 30 分由问卷数据计算，不由部门评分',
        path,
      );
    }
    const error = checkItemPoints(itemId, points, path);
    if (error) throw error;
  }
  const satisfaction = under('satisfaction', () => resolveSatisfaction(input.satisfaction));

  const items = {} as Record<ItemId, number | null>;
  for (const item of ITEMS) {
    items[item.id] =
      item.id === SATISFACTION_ITEM_ID ? satisfaction.points : (input.items[item.id] ?? null);
  }
  const indicators = {} as Record<IndicatorId, number>;
  for (const indicator of INDICATORS) {
    indicators[indicator.id] = sumPoints(indicator.items.map((item) => items[item.id] ?? 0));
  }
  const indicatorPoints = sumPoints(Object.values(indicators));
  const bonus = under('bonus', () => computeBonus(input.bonus, bonusRules));
  const deductions = under('deductions', () => computeDeductions(input.deductions));
  const missing = ITEMS.filter((item) => items[item.id] === null).map((item) => item.id);

  return {
    satisfaction,
    items,
    indicators,
    indicatorPoints,
    bonus,
    deductions,
    total: sumPoints([indicatorPoints, bonus.points, -deductions.points]),
    complete: missing.length === 0,
    missing,
  };
}
