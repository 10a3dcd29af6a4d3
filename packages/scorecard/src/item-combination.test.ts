import { describe, expect, it } from 'vitest';
import { ScorecardError } from './errors.ts';
import { combineItemEntries, type DepartmentEntry } from './item-combination.ts';

const party: DepartmentEntry = { department: 'party-mass-office', points: 13, basis: '台账齐全' };
const armed: DepartmentEntry = { department: 'armed-forces', points: 10, basis: '征兵工作一般' };

function refusal(run: () => unknown): ScorecardError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScorecardError) return error;
    throw error;
  }
  throw new Error('expected a ScorecardError');
}

describe('one figure for an item several departments score', () => {
  it("takes the lead's own figure by default, whoever saved last", () => {
    expect(
      combineItemEntries('regular.party.overall', [party, armed], { lead: 'party-mass-office' }),
    ).toEqual({ points: 13, rule: 'lead', basis: '台账齐全' });
    expect(
      combineItemEntries('regular.party.overall', [armed, party], { lead: 'party-mass-office' })
        .points,
    ).toBe(13);
  });

  it('takes the figure the other departments agree on when the lead entered none', () => {
    const other = { ...armed, department: 'trade-union' as const };
    expect(
      combineItemEntries('regular.party.overall', [armed, other], { lead: 'party-mass-office' })
        .points,
    ).toBe(10);
  });

  it('refuses to pick between disagreeing departments when the lead entered none', () => {
    const other = { department: 'trade-union' as const, points: 12, basis: '工会组建率高' };
    const error = refusal(() =>
      combineItemEntries('regular.party.overall', [armed, other], { lead: 'party-mass-office' }),
    );
    expect(error.code).toBe('entries_disagree');
    expect(error.message).toContain('武装 10 分、总工会 12 分');
    expect(error.message).toContain('党群办');
  });

  it('averages every department’s figure half up to the 0.5 step when the lead says so', () => {
    // (13 + 10) ÷ 2 = 11.5
    expect(
      combineItemEntries('regular.party.overall', [party, armed], {
        lead: 'party-mass-office',
        rule: 'mean',
      }),
    ).toMatchObject({ points: 11.5, rule: 'mean', basis: '各部门平均：党群办 13 分、武装 10 分' });
    // (13 + 10 + 10.5) ÷ 3 = 11.1666… → 11; (13 + 10 + 11.5 + 10.5) ÷ 4 = 11.25 → 11.5
    const more = (points: number, department: DepartmentEntry['department']) => ({
      department,
      points,
      basis: '-',
    });
    expect(
      combineItemEntries('regular.party.overall', [party, armed, more(10.5, 'trade-union')], {
        lead: 'party-mass-office',
        rule: 'mean',
      }).points,
    ).toBe(11);
    expect(
      combineItemEntries(
        'regular.party.overall',
        [party, armed, more(11.5, 'trade-union'), more(10.5, 'youth-league')],
        { lead: 'party-mass-office', rule: 'mean' },
      ).points,
    ).toBe(11.5);
  });

  it('refuses an unknown rule and a community nobody scored', () => {
    expect(
      refusal(() =>
        combineItemEntries('regular.party.overall', [party], {
          lead: 'party-mass-office',
          rule: 'max' as 'lead',
        }),
      ).code,
    ).toBe('combination_rule_invalid');
    expect(
      refusal(() => combineItemEntries('regular.party.overall', [], { lead: 'party-mass-office' }))
        .code,
    ).toBe('entries_missing');
  });
});
