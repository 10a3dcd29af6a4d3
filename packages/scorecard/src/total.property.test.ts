import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEMS, type ItemId } from './assessment-table.ts';
import { caseArb, deductionArb, honourArb } from './test-arbitraries.ts';
import { communityTotal } from './total.ts';

const departmentItems = ITEMS.filter((i) => i.scoredBy === 'departments');

/** Any set of item points: each item given or not, in half points up to its maximum. */
const itemsArb = fc
  .tuple(
    ...departmentItems.map((item) =>
      fc.option(
        fc.integer({ min: 0, max: item.points * 2 }).map((halves) => halves / 2),
        {
          nil: undefined,
        },
      ),
    ),
  )
  .map((points) => {
    const items: Partial<Record<ItemId, number>> = {};
    departmentItems.forEach((item, k) => {
      const value = points[k];
      if (value !== undefined) items[item.id] = value;
    });
    return items;
  });

const satisfactionArb = fc.option(
  fc.integer({ min: 0, max: 3000 }).map((hundredths) => hundredths / 100),
  { nil: null },
);

describe('community total, for any valid scores', () => {
  it('is between −5 and 105', () => {
    fc.assert(
      fc.property(
        satisfactionArb,
        itemsArb,
        fc.array(honourArb, { maxLength: 8 }),
        fc.array(caseArb, { maxLength: 3 }),
        fc.array(deductionArb, { maxLength: 12 }),
        (computed, items, honours, cases, deductions) => {
          const { total, indicatorPoints } = communityTotal({
            satisfaction: { computed },
            items,
            bonus: { honours, cases },
            deductions,
          });
          expect(indicatorPoints).toBeGreaterThanOrEqual(0);
          expect(indicatorPoints).toBeLessThanOrEqual(100);
          expect(total).toBeGreaterThanOrEqual(-5);
          expect(total).toBeLessThanOrEqual(105);
        },
      ),
    );
  });

  it('is the indicators plus the bonus minus the deductions, to the hundredth', () => {
    fc.assert(
      fc.property(
        satisfactionArb,
        itemsArb,
        fc.array(honourArb, { maxLength: 8 }),
        fc.array(deductionArb, { maxLength: 12 }),
        (computed, items, honours, deductions) => {
          const result = communityTotal({
            satisfaction: { computed },
            items,
            bonus: { honours, cases: [] },
            deductions,
          });
          const expected = result.indicatorPoints + result.bonus.points - result.deductions.points;
          expect(result.total).toBe(Math.round(expected * 100) / 100);
        },
      ),
    );
  });
});
