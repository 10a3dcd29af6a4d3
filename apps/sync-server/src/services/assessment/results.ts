import {
  assessCommunities,
  type BonusRules,
  type CommunityAssessment,
  type CoverageConsequence,
  DEFAULT_GRADE_RULE,
  type GradeRule,
  ITEMS,
  type ItemId,
} from '@jiuting/scorecard';
import type {
  Adjustments,
  ItemEntry,
  ItemScore,
  LockedCommunity,
} from '../../repositories/assessment.ts';

// The whole year's result, from stored data, through the scorecard package: only confirmed item
// points count (an entered but unconfirmed figure is `pending`), bonus and deductions are the
// coordinator's inputs, and the satisfaction points come from the survey (or its override).

export interface CommunityResult extends CommunityAssessment {
  readonly name: string;
  /** Items with points entered by a department but not yet confirmed by the lead. */
  readonly pending: readonly ItemId[];
  readonly bonusInput: Adjustments['bonus'];
  readonly deductionsInput: Adjustments['deductions'];
  /** Household coverage behind the satisfaction points; null in a year locked before it was kept. */
  readonly coverage: NonNullable<LockedCommunity['coverage']> | null;
  readonly interviews: NonNullable<LockedCommunity['interviews']> | null;
  /** The plan's 30% floor is not met: shown beside the satisfaction points. */
  readonly coverageBelowFloor: boolean;
}

export interface YearResults {
  readonly gradeRule: GradeRule;
  readonly communities: readonly CommunityResult[];
}

export function yearResults(input: {
  communities: readonly LockedCommunity[];
  scores: readonly ItemScore[];
  /** Departments' entries: an item entered but not confirmed is `pending`. */
  entries: readonly ItemEntry[];
  adjustments: readonly Adjustments[];
  gradeRule?: GradeRule;
  graded?: 'all' | 'complete';
  bonusRules?: BonusRules;
  coverageConsequence?: CoverageConsequence;
}): YearResults {
  const gradeRule = input.gradeRule ?? DEFAULT_GRADE_RULE;
  const adjustments = new Map(input.adjustments.map((a) => [a.communityCode, a]));
  const confirmed = new Map<string, Partial<Record<ItemId, number>>>();
  const pending = new Map<string, ItemId[]>();
  for (const s of input.scores) {
    if (!s.confirmedAt) continue;
    confirmed.set(s.communityCode, { ...confirmed.get(s.communityCode), [s.itemId]: s.points });
  }
  for (const e of input.entries) {
    if (confirmed.get(e.communityCode)?.[e.itemId] !== undefined) continue;
    const list = pending.get(e.communityCode) ?? [];
    if (!list.includes(e.itemId)) pending.set(e.communityCode, [...list, e.itemId]);
  }
  const assessed = assessCommunities(
    input.communities.map((c) => {
      const a = adjustments.get(c.code);
      return {
        code: c.code,
        type: c.type,
        coverageBelowFloor: c.coverage?.meetsTarget === false,
        scores: {
          satisfaction: { computed: c.computed, override: a?.satisfactionOverride ?? null },
          items: confirmed.get(c.code) ?? {},
          bonus: a?.bonus ?? { honours: [], cases: [] },
          deductions: a?.deductions ?? [],
        },
      };
    }),
    {
      gradeRule,
      graded: input.graded ?? 'all',
      ...(input.bonusRules ? { bonusRules: input.bonusRules } : {}),
      ...(input.coverageConsequence ? { coverageConsequence: input.coverageConsequence } : {}),
    },
  );
  const byCode = new Map(input.communities.map((c) => [c.code, c]));
  const itemOrder = ITEMS.map((i) => i.id);
  return {
    gradeRule,
    communities: assessed.map((row) => ({
      ...row,
      name: byCode.get(row.code)?.name ?? row.code,
      pending: (pending.get(row.code) ?? []).sort(
        (x, y) => itemOrder.indexOf(x) - itemOrder.indexOf(y),
      ),
      bonusInput: adjustments.get(row.code)?.bonus ?? { honours: [], cases: [] },
      deductionsInput: adjustments.get(row.code)?.deductions ?? [],
      coverage: byCode.get(row.code)?.coverage ?? null,
      interviews: byCode.get(row.code)?.interviews ?? null,
      coverageBelowFloor: byCode.get(row.code)?.coverage?.meetsTarget === false,
    })),
  };
}
