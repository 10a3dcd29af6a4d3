import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { satisfactionPoints } from './community.ts';

// The README's rule, 30 × mean ÷ 100 rounded to 0.01 half up, taken on the decimal value a
// person would work out by hand — never on its binary double (18.525 must not become 18.52).
// Means up to four decimals; one in two is an exact half at the hundredth of the points
// (k ≡ 500 mod 1,000), where a rounding on the double goes wrong.
const meansInTenThousandths = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.integer({ min: 0, max: 999 }).map((j) => j * 1000 + 500),
);

describe('satisfaction points', () => {
  it('equal the hand-worked decimal figure, half up, for every mean of up to four decimals', () => {
    fc.assert(
      fc.property(meansInTenThousandths, (k) => {
        // mean = k / 10,000, so 30 × mean ÷ 100 = 3k / 100,000 and its hundredths are 3k / 1,000.
        const expected = Math.floor((3 * k + 500) / 1000) / 100;
        expect(satisfactionPoints(k / 10_000, null)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('round the same with interviews blended at any whole-percent share, when both means agree', () => {
    fc.assert(
      fc.property(meansInTenThousandths, fc.integer({ min: 0, max: 100 }), (k, percent) => {
        const mean = k / 10_000;
        expect(satisfactionPoints(mean, mean, { interviewShare: percent / 100 })).toBe(
          satisfactionPoints(mean, null),
        );
      }),
    );
  });
});
