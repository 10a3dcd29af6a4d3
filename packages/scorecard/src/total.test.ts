import { describe, expect, it } from 'vitest';
import { ITEMS, type ItemId } from './assessment-table.ts';
import { ScorecardError } from './errors.ts';
import { type CommunityScoresInput, communityTotal } from './total.ts';

const fullMarks = Object.fromEntries(
  ITEMS.filter((i) => i.scoredBy === 'departments').map((i) => [i.id, i.points]),
) as Partial<Record<ItemId, number>>;

const input = (over: Partial<CommunityScoresInput> = {}): CommunityScoresInput => ({
  satisfaction: { computed: 24.6 },
  items: {
    'mass.practical.care': 11,
    'mass.practical.hotspots': 2.5,
    'mass.hotline.work-orders': 4,
    'mass.hotline.petitions': 5,
    'mass.hotline.public-opinion': 4.5,
    'regular.party.overall': 14,
    'regular.property.troika': 3,
    'regular.property.visits': 2,
    'regular.property.environment': 5,
    'regular.property.safety': 3.5,
    'regular.stability.overall': 9,
  },
  bonus: { honours: [], cases: [] },
  deductions: [],
  ...over,
});

function refusal(run: () => unknown): ScorecardError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScorecardError) return error;
    throw error;
  }
  throw new Error('expected a ScorecardError');
}

describe('community total', () => {
  it("adds the survey's points and every item's points by indicator", () => {
    const result = communityTotal(input());
    expect(result.indicators).toEqual({
      'mass.satisfaction': 24.6,
      'mass.practical': 13.5,
      'mass.hotline': 13.5,
      'regular.party': 14,
      'regular.property': 13.5,
      'regular.stability': 9,
    });
    expect(result.indicatorPoints).toBe(88.1);
    expect(result.total).toBe(88.1);
    expect(result.complete).toBe(true);
  });

  it('adds the bonus and takes away the deductions', () => {
    const result = communityTotal(
      input({
        bonus: { honours: [{ work: '垃圾分类', level: 'city', bodies: 1 }], cases: [] },
        deductions: [{ kind: 'discipline.main-leader', points: 1.5 }, { kind: 'finance.budget' }],
      }),
    );
    expect(result.bonus.points).toBe(2);
    expect(result.deductions.points).toBe(2);
    expect(result.total).toBe(88.1);
  });

  it("uses a coordinator's satisfaction override instead of the computed points", () => {
    const result = communityTotal(
      input({
        satisfaction: {
          computed: 24.6,
          override: { points: 26, reason: '复核后更正', by: 'coord', at: '2026-01-10T09:00:00Z' },
        },
      }),
    );
    expect(result.indicators['mass.satisfaction']).toBe(26);
    expect(result.total).toBe(89.5);
  });

  it('reaches 105 with full marks, the whole bonus and no deductions', () => {
    const result = communityTotal({
      satisfaction: { computed: 30 },
      items: fullMarks,
      bonus: {
        honours: [
          { work: 'A', level: 'national', bodies: 2 },
          { work: 'B', level: 'national', bodies: 1 },
        ],
        cases: [],
      },
      deductions: [],
    });
    expect(result.indicatorPoints).toBe(100);
    expect(result.total).toBe(105);
  });

  it('is provisional and lists what is missing until every item has points', () => {
    const items = { ...input().items };
    delete items['regular.party.overall'];
    const result = communityTotal(input({ satisfaction: { computed: null }, items }));
    expect(result.complete).toBe(false);
    expect(result.missing).toEqual(['mass.satisfaction.overall', 'regular.party.overall']);
    expect(result.items['regular.party.overall']).toBeNull();
    expect(result.total).toBe(49.5); // 88.1 − 24.6 − 14, free of float noise
  });

  it('refuses item points above the item maximum', () => {
    const error = refusal(() =>
      communityTotal(input({ items: { ...input().items, 'regular.property.visits': 2.5 } })),
    );
    expect(error.code).toBe('item_points_out_of_range');
    expect(error.path).toBe('items.regular.property.visits');
  });

  it('refuses satisfaction points given as a department item', () => {
    const items = { ...input().items, 'mass.satisfaction.overall': 30 };
    expect(refusal(() => communityTotal(input({ items }))).code).toBe('item_not_department_scored');
  });

  it('says where in the input a refused bonus, deduction or override is', () => {
    const honours = [{ work: '垃圾分类', level: 'city' as const, bodies: 0 }];
    expect(refusal(() => communityTotal(input({ bonus: { honours, cases: [] } }))).path).toBe(
      'bonus.honours.0.bodies',
    );
    const deductions = [{ kind: 'finance.budget' as const, points: 2 }];
    expect(refusal(() => communityTotal(input({ deductions }))).path).toBe('deductions.0.points');
    const override = { points: 20, reason: '', by: 'coord', at: '2026-01-10T09:00:00Z' };
    expect(
      refusal(() => communityTotal(input({ satisfaction: { computed: 25, override } }))).path,
    ).toBe('satisfaction.override.reason');
  });

  it('refuses an unknown item id', () => {
    const items = { ...input().items, 'mass.bogus': 1 } as Partial<Record<ItemId, number>>;
    expect(refusal(() => communityTotal(input({ items }))).code).toBe('unknown_item');
  });
});
