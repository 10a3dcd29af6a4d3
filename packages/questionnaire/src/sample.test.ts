import { describe, expect, it } from 'vitest';
import {
  drawHouseholdSample,
  largestRemainder,
  reserveSizeFor,
  type SampleFrameHousehold,
  sampleSizeFor,
} from './sample.ts';

/** `count` households of one building, rooms 101…, all 居住 unless said. */
function building(
  area: string,
  number: string,
  count: number,
  status = '居住',
): SampleFrameHousehold[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${area}·${number}号${101 + i}室`,
    area,
    building: `${number}号`,
    status,
  }));
}

// 200 居住 households: 100 + 60 + 40, and 10 vacant ones that must never be drawn.
const REGISTER = [
  ...building('九亭小区', '1', 100),
  ...building('九亭小区', '2', 60),
  ...building('新姚村', '3组25', 40),
  ...building('九亭小区', '9', 10, '空置'),
];

describe('the sample-size rule', () => {
  it('draws the households needed to reach 30% (rounded up) and a reserve of 30% of that', () => {
    expect(sampleSizeFor(200)).toBe(60);
    expect(sampleSizeFor(10)).toBe(3);
    expect(sampleSizeFor(11)).toBe(4);
    expect(reserveSizeFor(200)).toBe(18);
    expect(reserveSizeFor(11)).toBe(2);
    expect(sampleSizeFor(0)).toBe(0);
    // Never more than the households the sample leaves.
    expect(reserveSizeFor(1)).toBe(0);
  });
});

describe('largest-remainder allocation', () => {
  it('gives each its quota’s floor and the seats left to the largest remainders', () => {
    // Quotas 4.5, 3.3, 2.2 → 4, 3, 2 and the tenth seat to the .5.
    expect(largestRemainder([45, 33, 22], 10)).toEqual([5, 3, 2]);
    // Equal remainders: the larger weight, then the earlier one.
    expect(largestRemainder([1, 1, 1], 2)).toEqual([1, 1, 0]);
    expect(largestRemainder([1, 2], 1)).toEqual([0, 1]);
    expect(largestRemainder([0, 0], 0)).toEqual([0, 0]);
  });
});

describe('drawHouseholdSample', () => {
  it('gives the same sample and reserve, in the same order, for the same seed', () => {
    const a = drawHouseholdSample(REGISTER, 20251120);
    const b = drawHouseholdSample([...REGISTER].reverse(), 20251120);
    expect(b).toEqual(a);
    const c = drawHouseholdSample(REGISTER, 20251121);
    expect(c.sample).not.toEqual(a.sample);
  });

  it('allocates in proportion to each building’s 居住 households', () => {
    const { frame, sample, reserve, strata } = drawHouseholdSample(REGISTER, 7);
    expect(frame).toBe(200);
    expect(sample).toHaveLength(60);
    expect(reserve).toHaveLength(18);
    expect(strata).toEqual([
      { area: '九亭小区', building: '1号', households: 100, sample: 30, reserve: 9 },
      { area: '九亭小区', building: '2号', households: 60, sample: 18, reserve: 5 },
      { area: '新姚村', building: '3组25号', households: 40, sample: 12, reserve: 4 },
    ]);
    const drawn = [...sample, ...reserve];
    expect(new Set(drawn).size).toBe(78);
    expect(drawn.some((k) => k.includes('·9号'))).toBe(false);
    const of = (list: readonly string[], prefix: string) =>
      list.filter((k) => k.startsWith(prefix)).length;
    expect(of(sample, '九亭小区·1号')).toBe(30);
    expect(of(sample, '新姚村·3组25号')).toBe(12);
  });

  it('ranks the reserve so that the first ones used are spread over the buildings', () => {
    const { reserve } = drawHouseholdSample(REGISTER, 99);
    const building = (key: string) => key.replace(/\d+室$/, '');
    // 9 : 5 : 4 reserves: the first three are one from each building, the first half is 5 : 3 : 2
    // or as near as the ranks allow.
    expect(new Set(reserve.slice(0, 3).map(building)).size).toBe(3);
    const firstNine = reserve.slice(0, 9).map(building);
    expect(firstNine.filter((b) => b === '九亭小区·1号').length).toBeGreaterThanOrEqual(4);
    expect(firstNine.filter((b) => b === '九亭小区·1号').length).toBeLessThanOrEqual(5);
  });

  it('draws nothing from an empty frame, and refuses a seed that is not a whole number in range', () => {
    expect(drawHouseholdSample(building('x', '1', 3, '空置'), 1)).toMatchObject({
      frame: 0,
      sample: [],
      reserve: [],
      strata: [],
    });
    expect(() => drawHouseholdSample(REGISTER, 1.5)).toThrow(RangeError);
    expect(() => drawHouseholdSample(REGISTER, -1)).toThrow(RangeError);
    expect(() => drawHouseholdSample(REGISTER, 2 ** 31)).toThrow(RangeError);
  });
});
