import { describe, expect, it } from 'vitest';
import { assessCommunities, type CommunityAssessmentInput } from './assessment.ts';
import { ScorecardError } from './errors.ts';
import type { CommunityType } from './grades.ts';

const community = (
  code: string,
  type: CommunityType,
  satisfaction: number,
  deductions: CommunityAssessmentInput['scores']['deductions'] = [],
): CommunityAssessmentInput => ({
  code,
  type,
  scores: {
    satisfaction: { computed: satisfaction },
    items: { 'regular.party.overall': 15 },
    bonus: { honours: [], cases: [] },
    deductions,
  },
});

describe('assessing the town', () => {
  it('totals each community and grades it within its own type', () => {
    const result = assessCommunities(
      [
        community('A', '导入居', 20),
        community('B', '村改居', 30),
        community('C', '导入居', 28),
        community('D', '导入居', 25),
        community('E', '导入居', 10),
      ],
      { gradeRule: { kind: 'shares', excellentPercent: 25, goodPercent: 50 } },
    );
    expect(result.map((r) => [r.code, r.total, r.rank, r.grade])).toEqual([
      ['C', 43, 1, '优秀'],
      ['D', 40, 2, '良好'],
      ['A', 35, 3, '良好'],
      ['E', 25, 4, '一般'],
      ['B', 45, 1, '一般'],
    ]);
    expect(result[0]?.complete).toBe(false);
  });

  it('leaves incomplete communities ungraded (待定) and ranks the complete ones among themselves', () => {
    const FULL = {
      'mass.practical.care': 12,
      'mass.practical.hotspots': 3,
      'mass.hotline.work-orders': 5,
      'mass.hotline.petitions': 5,
      'mass.hotline.public-opinion': 5,
      'regular.party.overall': 15,
      'regular.property.troika': 3,
      'regular.property.visits': 2,
      'regular.property.environment': 6,
      'regular.property.safety': 4,
      'regular.stability.overall': 10,
    } as const;
    const complete = (code: string, satisfaction: number): CommunityAssessmentInput => ({
      ...community(code, '导入居', satisfaction),
      scores: { ...community(code, '导入居', satisfaction).scores, items: FULL },
    });
    const empty: CommunityAssessmentInput = {
      code: 'Z0',
      type: '导入居',
      scores: {
        satisfaction: { computed: null },
        items: {},
        bonus: { honours: [], cases: [] },
        deductions: [],
      },
    };
    const result = assessCommunities(
      [empty, complete('A', 20), complete('B', 25), community('C', '导入居', 30)],
      { gradeRule: { kind: 'shares', excellentPercent: 50, goodPercent: 50 }, graded: 'complete' },
    );
    expect(result.map((r) => [r.code, r.rank, r.grade, r.ofType])).toEqual([
      ['B', 1, '优秀', 2],
      ['A', 2, '良好', 2],
      ['C', null, null, 2],
      ['Z0', null, null, 2],
    ]);
    // By default every total is graded, a total of 0 included.
    expect(assessCommunities([empty]).map((r) => r.grade)).toEqual(['一般']);
  });

  it('names the community whose scores are refused', () => {
    try {
      assessCommunities([community('JT07', '导入居', 20, [{ kind: 'secrecy.breach', points: 3 }])]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScorecardError);
      const refused = error as ScorecardError;
      expect(refused.code).toBe('deduction_points_out_of_range');
      expect(refused.path).toBe('JT07.deductions.0.points');
      expect(refused.message.startsWith('居民区 JT07：')).toBe(true);
    }
  });
});
