import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMUNITY_TYPES, type GradeInput, type GradeRule, gradeCommunities } from './grades.ts';

/** Up to 27 communities with distinct codes; totals drawn from few values so ties are common. */
const communitiesArb: fc.Arbitrary<GradeInput[]> = fc
  .array(
    fc.record({
      type: fc.constantFrom(...COMMUNITY_TYPES),
      total: fc.integer({ min: -10, max: 210 }).map((halves) => halves / 2),
    }),
    { maxLength: 27 },
  )
  .map((list) => list.map((c, k) => ({ ...c, code: `C${String(k).padStart(2, '0')}` })));

const ruleArb: fc.Arbitrary<GradeRule> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
    .filter(([e, g]) => e + g <= 100)
    .map(([excellentPercent, goodPercent]) => ({
      kind: 'shares' as const,
      excellentPercent,
      goodPercent,
    })),
  fc.tuple(fc.integer({ min: 0, max: 105 }), fc.integer({ min: 0, max: 105 })).map(([a, b]) => ({
    kind: 'thresholds' as const,
    excellentFrom: Math.max(a, b),
    goodFrom: Math.min(a, b),
  })),
);

describe('grades, for any communities and rule', () => {
  it('do not depend on the order the communities are given in', () => {
    fc.assert(
      fc.property(
        communitiesArb.chain((list) =>
          fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
        ),
        ruleArb,
        ([list, shuffled], rule) => {
          expect(gradeCommunities(shuffled, rule)).toEqual(gradeCommunities(list, rule));
        },
      ),
    );
  });

  it('give equal totals of the same type the same grade, and a higher total no worse a grade', () => {
    const order = { 优秀: 0, 良好: 1, 一般: 2 } as const;
    fc.assert(
      fc.property(communitiesArb, ruleArb, (list, rule) => {
        const graded = gradeCommunities(list, rule);
        for (const a of graded) {
          for (const b of graded) {
            if (a.type !== b.type) continue;
            if (a.total === b.total) expect(a.grade).toBe(b.grade);
            if (a.total > b.total) expect(order[a.grade]).toBeLessThanOrEqual(order[b.grade]);
          }
        }
      }),
    );
  });

  it('never give more 优秀 than the share allows, except to communities tied at the boundary', () => {
    fc.assert(
      fc.property(communitiesArb, (list) => {
        const graded = gradeCommunities(list);
        for (const type of COMMUNITY_TYPES) {
          const ofType = graded.filter((c) => c.type === type);
          const quota = Math.floor((ofType.length * 30) / 100);
          const excellent = ofType.filter((c) => c.grade === '优秀');
          if (excellent.length > quota) {
            const lowest = Math.min(...excellent.map((c) => c.total));
            expect(excellent.filter((c) => c.total > lowest).length).toBeLessThan(quota);
          }
        }
      }),
    );
  });
});
