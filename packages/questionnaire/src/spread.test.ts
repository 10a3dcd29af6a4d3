import { describe, expect, it } from 'vitest';
import { coverageSpread, NARROW_COVERAGE_RULE } from './spread.ts';

const building = (households: number, counted: number) => ({ households, counted });

describe('coverage spread over a community’s buildings', () => {
  it('flags 30% that comes from two buildings out of ten', () => {
    const buildings = [building(50, 50), building(50, 50), ...Array(8).fill(building(50, 0))];
    const spread = coverageSpread(buildings);
    expect(spread).toMatchObject({ buildings: 10, buildingShare: 0.2, busiestShare: 0.5 });
    expect(spread.narrow).toBe(true);
  });

  it('does not flag 30% spread over every building', () => {
    const spread = coverageSpread(Array(10).fill(building(50, 15)));
    expect(spread).toMatchObject({ buildingShare: 1, busiestShare: 0.1, narrow: false });
  });

  it('flags one building holding most of the counted households even when all are reached', () => {
    const spread = coverageSpread([building(50, 40), building(50, 5), building(50, 5)]);
    expect(spread.busiestShare).toBe(0.8);
    expect(spread.narrow).toBe(true);
  });

  it('flags nothing before the first response, nor a community of one building', () => {
    expect(coverageSpread([building(50, 0), building(50, 0)]).narrow).toBe(false);
    expect(coverageSpread([building(50, 20)]).narrow).toBe(false);
  });

  it('takes its thresholds from a named rule a caller may change', () => {
    const buildings = [building(10, 5), building(10, 5), building(10, 0)];
    expect(coverageSpread(buildings).narrow).toBe(true);
    expect(
      coverageSpread(buildings, { ...NARROW_COVERAGE_RULE, maxBusiestShare: 0.5 }).narrow,
    ).toBe(false);
  });
});
