import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDeductions, DEDUCTION_CATEGORIES } from './deductions.ts';
import { deductionArb } from './test-arbitraries.ts';

describe('deductions, for any valid cases', () => {
  it('are between 0 and 5', () => {
    fc.assert(
      fc.property(fc.array(deductionArb, { maxLength: 20 }), (cases) => {
        const { points } = computeDeductions(cases);
        expect(points).toBeGreaterThanOrEqual(0);
        expect(points).toBeLessThanOrEqual(5);
      }),
    );
  });

  it('hold every category to its cap', () => {
    fc.assert(
      fc.property(fc.array(deductionArb, { maxLength: 20 }), (cases) => {
        const { byCategory } = computeDeductions(cases);
        for (const category of DEDUCTION_CATEGORIES) {
          expect(byCategory[category.id].points).toBeLessThanOrEqual(category.cap);
        }
      }),
    );
  });

  it('never fall when another case is added', () => {
    fc.assert(
      fc.property(fc.array(deductionArb, { maxLength: 12 }), deductionArb, (cases, extra) => {
        expect(computeDeductions([...cases, extra]).points).toBeGreaterThanOrEqual(
          computeDeductions(cases).points,
        );
      }),
    );
  });
});
