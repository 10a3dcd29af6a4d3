import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBonus, type Honour } from './bonus.ts';
import { caseArb, honourArb } from './test-arbitraries.ts';

describe('bonus, for any honours and cases', () => {
  it('is between 0 and 5', () => {
    fc.assert(
      fc.property(
        fc.array(honourArb, { maxLength: 12 }),
        fc.array(caseArb, { maxLength: 5 }),
        (honours, cases) => {
          const { points } = computeBonus({ honours, cases });
          expect(points).toBeGreaterThanOrEqual(0);
          expect(points).toBeLessThanOrEqual(5);
        },
      ),
    );
  });

  it('does not change when an honour of a work already honoured is entered again', () => {
    fc.assert(
      fc.property(
        fc.array(honourArb, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (honours, pick) => {
          const again = honours[pick % honours.length] as Honour;
          const once = computeBonus({ honours, cases: [] });
          const twice = computeBonus({ honours: [...honours, again], cases: [] });
          expect(twice.points).toBe(once.points);
        },
      ),
    );
  });

  it('does not depend on the order honours are entered in', () => {
    fc.assert(
      fc.property(fc.array(honourArb, { maxLength: 8 }), (honours) => {
        const forward = computeBonus({ honours, cases: [] }).points;
        const backward = computeBonus({ honours: [...honours].reverse(), cases: [] }).points;
        expect(backward).toBe(forward);
      }),
    );
  });
});
