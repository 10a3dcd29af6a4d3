// Whether a community's coverage is spread over it or bunched in a few buildings next to the
// 居委会: 30% from two buildings is not what the survey is for.

export interface BuildingCount {
  /** Households in the building (居住, from the register). */
  readonly households: number;
  /** Of them, households with a counted response. */
  readonly counted: number;
}

export interface SpreadRule {
  /** Flag when fewer than this share (0–1) of the buildings have a counted response … */
  readonly minBuildingShare: number;
  /** … or when the busiest building holds more than this share (0–1) of the counted ones. */
  readonly maxBusiestShare: number;
}

/**
 * The town's default: at least half the buildings reached, and no one building more than a
 * third of the counted households. A coordinator reads a flag as "look", not as a refusal.
 */
export const NARROW_COVERAGE_RULE: SpreadRule = { minBuildingShare: 0.5, maxBusiestShare: 1 / 3 };

export interface CoverageSpread {
  readonly buildings: number;
  /** Share (0–1) of buildings with at least one counted response. */
  readonly buildingShare: number;
  /** Share (0–1) of the counted households that the busiest building holds. */
  readonly busiestShare: number;
  /** True when the counted households come from a narrow slice (see SpreadRule). */
  readonly narrow: boolean;
}

export function coverageSpread(
  buildings: readonly BuildingCount[],
  rule: SpreadRule = NARROW_COVERAGE_RULE,
): CoverageSpread {
  const withHouseholds = buildings.filter((b) => b.households > 0);
  const counted = withHouseholds.reduce((s, b) => s + b.counted, 0);
  const reached = withHouseholds.filter((b) => b.counted > 0).length;
  const busiest = withHouseholds.reduce((m, b) => Math.max(m, b.counted), 0);
  const buildingShare = withHouseholds.length > 0 ? reached / withHouseholds.length : 0;
  const busiestShare = counted > 0 ? busiest / counted : 0;
  // One building cannot be spread over; nothing counted yet is nothing to flag.
  const narrow =
    withHouseholds.length > 1 &&
    counted > 0 &&
    (buildingShare < rule.minBuildingShare || busiestShare > rule.maxBusiestShare);
  return { buildings: withHouseholds.length, buildingShare, busiestShare, narrow };
}
