import { describe, expect, it } from 'vitest';
import { ITEMS } from './assessment-table.ts';
import { canConfirm, canScore, checkItemPoints, checkItemScoreEntry } from './item-scores.ts';

const entry = (over: Partial<Parameters<typeof checkItemScoreEntry>[0]> = {}) => ({
  itemId: 'regular.property.environment',
  department: 'planning-construction-office',
  points: 5.5,
  basis: '家园焕新点位实地查看，两处未整改',
  ...over,
});

describe('item points: bounded 0..the item maximum in half points', () => {
  it.each(ITEMS.filter((i) => i.scoredBy === 'departments').map((i) => [i.id, i.points]))(
    'accepts 0 and the full %s points (%s) and refuses a half point more',
    (itemId, max) => {
      expect(checkItemPoints(itemId, 0)).toBeNull();
      expect(checkItemPoints(itemId, max)).toBeNull();
      expect(checkItemPoints(itemId, max + 0.5)?.code).toBe('item_points_out_of_range');
    },
  );

  it('refuses negative points with a Chinese reason naming the range', () => {
    const error = checkItemPoints('mass.practical.care', -0.5);
    expect(error?.code).toBe('item_points_out_of_range');
    expect(error?.message).toContain('应在 0 到 12 分之间');
  });

  it('names the item in its message by indicator and printed number', () => {
    expect(checkItemPoints('regular.property.environment', 7)?.message).toBe(
      '“党建引领物业治理第3项”的得分应在 0 到 6 分之间，不能为 7 分',
    );
    expect(checkItemPoints('regular.party.overall', 16)?.message).toContain('“加强党组织建设”');
  });

  it('refuses points that are not a multiple of 0.5', () => {
    const error = checkItemPoints('mass.practical.care', 10.3);
    expect(error?.code).toBe('item_points_step');
    expect(error?.message).toContain('以 0.5 分为单位');
    expect(checkItemPoints('mass.practical.care', 10.5)).toBeNull();
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '5', null])('refuses %s as points', (points) => {
    expect(checkItemPoints('mass.practical.care', points)?.code).toBe('points_not_a_number');
  });

  it('refuses an item id the table does not have', () => {
    expect(checkItemPoints('mass.practical', 3)?.code).toBe('unknown_item');
  });
});

describe("a department's entry", () => {
  it('is accepted from a department the item names, with points in range and a basis', () => {
    expect(checkItemScoreEntry(entry())).toBeNull();
    expect(checkItemScoreEntry(entry({ department: 'river-chief-office' }))).toBeNull();
  });

  it('is refused from a department that does not score the item', () => {
    const error = checkItemScoreEntry(entry({ department: 'finance-office' }));
    expect(error?.code).toBe('department_not_scorer');
    expect(error?.message).toContain('财政所不负责');
  });

  it('is refused for the satisfaction points, which come from the survey', () => {
    const error = checkItemScoreEntry(
      entry({ itemId: 'mass.satisfaction.overall', department: 'social-work-office' }),
    );
    expect(error?.code).toBe('item_not_department_scored');
  });

  it('is refused without a basis, or with one longer than 200 characters', () => {
    expect(checkItemScoreEntry(entry({ basis: '  ' }))?.code).toBe('basis_required');
    expect(checkItemScoreEntry(entry({ basis: '依'.repeat(201) }))?.code).toBe('basis_too_long');
  });

  it('is refused from an unknown department', () => {
    expect(checkItemScoreEntry(entry({ department: 'mayor' }))?.code).toBe('unknown_department');
  });

  it('is refused above the item maximum even from its lead', () => {
    expect(checkItemScoreEntry(entry({ points: 6.5 }))?.code).toBe('item_points_out_of_range');
  });
});

describe('who may score and confirm', () => {
  it('lets a non-lead department score but not confirm', () => {
    expect(canScore('river-chief-office', 'regular.property.environment')).toBe(true);
    expect(canConfirm('river-chief-office', 'regular.property.environment')).toBe(false);
    expect(canConfirm('planning-construction-office', 'regular.property.environment')).toBe(true);
  });

  it('lets either lead of row 2 item 1 confirm it', () => {
    expect(canConfirm('social-work-office', 'mass.practical.care')).toBe(true);
    expect(canConfirm('social-development-office', 'mass.practical.care')).toBe(true);
    expect(canConfirm('education-office', 'mass.practical.care')).toBe(false);
  });
});
