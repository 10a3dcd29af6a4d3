import { describe, expect, it } from 'vitest';
import {
  COVERAGE_TARGET,
  DEFAULT_SATISFACTION_RULE,
  householdCoverage,
  INTERVIEW_TARGET,
  interviewProgress,
  interviewViewScore,
  mean,
  SATISFACTION_MAX_POINTS,
  satisfactionPoints,
} from './community.ts';

describe('household coverage against the 30% line', () => {
  it('states the line, the interview target and the 30 points as the plan prints them', () => {
    expect(COVERAGE_TARGET).toBe(0.3);
    expect(INTERVIEW_TARGET).toBe(20);
    expect(SATISFACTION_MAX_POINTS).toBe(30);
  });

  it('is met by 300 of 1000 households', () => {
    expect(householdCoverage(300, 1000)).toEqual({
      surveyedHouseholds: 300,
      totalHouseholds: 1000,
      ratio: 0.3,
      meetsTarget: true,
      shortfall: 0,
    });
  });

  it('is not met by 299 of 1000, one household short', () => {
    const coverage = householdCoverage(299, 1000);
    expect(coverage.meetsTarget).toBe(false);
    expect(coverage.shortfall).toBe(1);
    expect(coverage.ratio).toBeCloseTo(0.299, 10);
  });

  it('is met by exactly 3 of 10, although 10 × 0.3 is 3.0000000000000004 in floating point', () => {
    expect(householdCoverage(3, 10).meetsTarget).toBe(true);
    expect(householdCoverage(2, 10).shortfall).toBe(1);
  });

  it('rounds the households needed up: 7 households need 3, not 2.1', () => {
    expect(householdCoverage(2, 7).meetsTarget).toBe(false);
    expect(householdCoverage(2, 7).shortfall).toBe(1);
    expect(householdCoverage(3, 7).meetsTarget).toBe(true);
  });

  it('shows the whole shortfall when nothing is surveyed yet', () => {
    expect(householdCoverage(0, 1234).shortfall).toBe(371);
  });

  it('is never met, with ratio 0 and no shortfall, while the household total is unknown (0)', () => {
    expect(householdCoverage(0, 0)).toEqual({
      surveyedHouseholds: 0,
      totalHouseholds: 0,
      ratio: 0,
      meetsTarget: false,
      shortfall: 0,
    });
    expect(householdCoverage(5, 0).meetsTarget).toBe(false);
  });

  it('keeps counting above the line', () => {
    const coverage = householdCoverage(450, 1000);
    expect(coverage.ratio).toBe(0.45);
    expect(coverage.meetsTarget).toBe(true);
    expect(coverage.shortfall).toBe(0);
  });
});

describe('interviews against the target of 20', () => {
  it('is not met by 19, one short', () => {
    expect(interviewProgress(19)).toEqual({
      count: 19,
      target: 20,
      meetsTarget: false,
      shortfall: 1,
    });
  });

  it('is met by 20 and by more', () => {
    expect(interviewProgress(20).meetsTarget).toBe(true);
    expect(interviewProgress(20).shortfall).toBe(0);
    expect(interviewProgress(35).shortfall).toBe(0);
  });

  it('needs all 20 when none is held', () => {
    expect(interviewProgress(0).shortfall).toBe(20);
  });
});

describe("an interviewee's view on question 8's scale, as a score out of 100", () => {
  it('gives 满意 100, 比较满意 60, 一般 30 and 不满意 0 (q8: 20, 12, 6, 0 of 20)', () => {
    expect(['A', 'B', 'C', 'D'].map(interviewViewScore)).toEqual([100, 60, 30, 0]);
  });

  it('throws on a letter q8 does not print', () => {
    expect(() => interviewViewScore('E')).toThrow(RangeError);
  });
});

describe('satisfactionPoints: the community’s points out of 30', () => {
  it('by default counts questionnaires only (interview share 0)', () => {
    expect(DEFAULT_SATISFACTION_RULE.interviewShare).toBe(0);
    expect(satisfactionPoints(80, 20)).toBe(24);
    expect(satisfactionPoints(80, null)).toBe(24);
  });

  it('gives the full 30 for a mean of 100 and 0 for a mean of 0', () => {
    expect(satisfactionPoints(100, null)).toBe(30);
    expect(satisfactionPoints(0, null)).toBe(0);
  });

  it('blends in interviews by the configured share', () => {
    // 30 × (0.8 × 80 + 0.2 × 60) ÷ 100 = 22.8
    expect(satisfactionPoints(80, 60, { interviewShare: 0.2 })).toBe(22.8);
    // 30 × (0.5 × 70 + 0.5 × 100) ÷ 100 = 25.5
    expect(satisfactionPoints(70, 100, { interviewShare: 0.5 })).toBe(25.5);
  });

  it('lets the questionnaire mean stand alone while no interview is counted', () => {
    expect(satisfactionPoints(80, null, { interviewShare: 0.5 })).toBe(24);
  });

  it('rounds to two decimals', () => {
    expect(satisfactionPoints(77.777, null)).toBe(23.33);
  });

  // 30 × 61.75 ÷ 100 = 18.525 exactly, but its double is 18.52499…: the figure must round up.
  it.each([
    [61.75, 18.53],
    [66.75, 20.03],
    [27.75, 8.33],
  ])('rounds an exact half up: mean %s gives %s points', (mean, points) => {
    expect(satisfactionPoints(mean, null)).toBe(points);
  });

  it('rounds an exact half up after blending in interviews', () => {
    // 30 × (0.9 × 61.75 + 0.1 × 61.75) ÷ 100 = 18.525
    expect(satisfactionPoints(61.75, 61.75, { interviewShare: 0.1 })).toBe(18.53);
  });

  it('rounds just below a half down', () => {
    expect(satisfactionPoints(61.7499, null)).toBe(18.52);
  });

  it('gives no points yet (null) without a counted questionnaire, even with interviews', () => {
    expect(satisfactionPoints(null, null)).toBeNull();
    expect(satisfactionPoints(null, 90, { interviewShare: 0.3 })).toBeNull();
  });

  it('refuses an interview share outside 0–1', () => {
    for (const interviewShare of [-0.1, 1.01, Number.NaN]) {
      expect(() => satisfactionPoints(80, 60, { interviewShare }), String(interviewShare)).toThrow(
        RangeError,
      );
    }
  });

  it('accepts the extreme shares 0 and 1', () => {
    expect(satisfactionPoints(80, 60, { interviewShare: 0 })).toBe(24);
    expect(satisfactionPoints(80, 60, { interviewShare: 1 })).toBe(18);
  });

  it('refuses a mean score outside 0–100 rather than give more than 30 points', () => {
    expect(() => satisfactionPoints(101, null)).toThrow(RangeError);
    expect(() => satisfactionPoints(80, -1, { interviewShare: 0.2 })).toThrow(RangeError);
    expect(() => satisfactionPoints(Number.NaN, null)).toThrow(RangeError);
  });
});

describe('mean', () => {
  it('averages scores', () => {
    expect(mean([60, 80, 100])).toBe(80);
  });

  it('is null for no scores', () => {
    expect(mean([])).toBeNull();
  });
});
