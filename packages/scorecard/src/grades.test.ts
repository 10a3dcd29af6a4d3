import { describe, expect, it } from 'vitest';
import { ScorecardError } from './errors.ts';
import {
  type CommunityType,
  type GradeInput,
  type GradeRule,
  gradeCommunities,
  shareSlots,
} from './grades.ts';

const communities = (type: CommunityType, totals: number[]): GradeInput[] =>
  totals.map((total, k) => ({ code: `${type === '导入居' ? 'D' : 'C'}${k + 1}`, type, total }));

const gradesOf = (list: GradeInput[], rule?: GradeRule) =>
  Object.fromEntries(gradeCommunities(list, rule).map((c) => [c.code, c.grade]));

function refusal(run: () => unknown): ScorecardError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScorecardError) return error;
    throw error;
  }
  throw new Error('expected a ScorecardError');
}

describe('default grades: top 30% 优秀, next 50% 良好, rest 一般, rounded down', () => {
  it('grades 10 communities 3 优秀, 5 良好, 2 一般', () => {
    const graded = gradeCommunities(
      communities('导入居', [91, 90, 89, 88, 87, 86, 85, 84, 83, 82]),
    );
    expect(graded.map((c) => c.grade)).toEqual([
      '优秀',
      '优秀',
      '优秀',
      '良好',
      '良好',
      '良好',
      '良好',
      '良好',
      '一般',
      '一般',
    ]);
  });

  it('rounds the shares down: 15 communities give 4 优秀 and 8 良好', () => {
    expect(shareSlots(15, { kind: 'shares', excellentPercent: 30, goodPercent: 50 })).toEqual({
      excellent: 4,
      good: 12,
    });
    const grades = gradeCommunities(
      communities(
        '村改居',
        [...Array(15)].map((_, k) => 95 - k),
      ),
    );
    expect(grades.filter((c) => c.grade === '优秀')).toHaveLength(4);
    expect(grades.filter((c) => c.grade === '良好')).toHaveLength(8);
    expect(grades.filter((c) => c.grade === '一般')).toHaveLength(3);
  });

  it('gives no 优秀 in a type of 3, where 30% rounds down to none', () => {
    expect(gradeCommunities(communities('村改居', [99, 98, 97])).map((c) => c.grade)).toEqual([
      '良好',
      '良好',
      '一般',
    ]);
  });

  it('grades each community type on its own', () => {
    const list = [
      ...communities('导入居', [95, 94, 93, 92, 91, 90, 89, 88, 87, 86]),
      ...communities('村改居', [80, 79, 78, 77, 76, 75, 74, 73, 72, 71]),
    ];
    const grades = gradesOf(list);
    expect(grades.C1).toBe('优秀');
    expect(grades.D4).toBe('良好');
    expect(grades.C10).toBe('一般');
  });
});

describe('default grades: ties', () => {
  it('gives equal totals the same rank and grade', () => {
    const graded = gradeCommunities(communities('导入居', [90, 88, 88, 85]));
    expect(graded.map((c) => c.rank)).toEqual([1, 2, 2, 4]);
  });

  it('sends a tie across the 优秀 boundary up: all tied communities are 优秀', () => {
    // 10 communities: 3 优秀 slots; the 3rd and 4th tie.
    const grades = gradesOf(communities('导入居', [95, 94, 93, 93, 90, 89, 88, 87, 86, 85]));
    expect([grades.D3, grades.D4]).toEqual(['优秀', '优秀']);
    expect(grades.D5).toBe('良好');
  });

  it('sends a tie across the 良好 boundary up: all tied communities are 良好', () => {
    // 10 communities: ranks 1–8 may be 优秀 or 良好; the 8th, 9th and 10th tie.
    const grades = gradesOf(communities('村改居', [95, 94, 93, 92, 91, 90, 89, 80, 80, 80]));
    expect([grades.C8, grades.C9, grades.C10]).toEqual(['良好', '良好', '良好']);
  });

  it('keeps a tie just below a boundary together below it', () => {
    const grades = gradesOf(communities('导入居', [95, 94, 93, 92, 92, 90, 89, 88, 87, 86]));
    expect([grades.D4, grades.D5]).toEqual(['良好', '良好']);
  });

  it('treats totals equal to the hundredth as equal', () => {
    const grades = gradeCommunities([
      { code: 'A', type: '导入居', total: 0.1 + 0.2 },
      { code: 'B', type: '导入居', total: 0.3 },
    ]);
    expect(grades.map((c) => c.rank)).toEqual([1, 1]);
  });
});

describe('thresholds rule', () => {
  const rule: GradeRule = { kind: 'thresholds', excellentFrom: 90, goodFrom: 80 };

  it('grades 90 and above 优秀, 80 to 89.99 良好, below 80 一般', () => {
    const grades = gradesOf(communities('导入居', [90, 89.99, 80, 79.99]), rule);
    expect(grades).toEqual({ D1: '优秀', D2: '良好', D3: '良好', D4: '一般' });
  });

  it('can set other thresholds for 村改居', () => {
    const byType: GradeRule = { ...rule, byType: { 村改居: { excellentFrom: 85, goodFrom: 75 } } };
    const grades = gradesOf(
      [...communities('导入居', [86]), ...communities('村改居', [86, 76])],
      byType,
    );
    expect(grades).toEqual({ D1: '良好', C1: '优秀', C2: '良好' });
  });
});

describe('grade input is checked', () => {
  it('refuses a shares rule above 100% in all', () => {
    expect(
      refusal(() => gradeCommunities([], { kind: 'shares', excellentPercent: 60, goodPercent: 50 }))
        .code,
    ).toBe('grade_rule_invalid');
  });

  it('refuses thresholds where 良好 starts above 优秀', () => {
    expect(
      refusal(() => gradeCommunities([], { kind: 'thresholds', excellentFrom: 80, goodFrom: 90 }))
        .code,
    ).toBe('grade_rule_invalid');
  });

  it('refuses the same community twice', () => {
    const list = [...communities('导入居', [90]), ...communities('导入居', [80])];
    expect(refusal(() => gradeCommunities(list)).code).toBe('community_duplicate');
  });

  it('refuses a community type other than 导入居 and 村改居', () => {
    const bad = { code: 'X', type: '农村', total: 90 } as unknown as GradeInput;
    const error = refusal(() => gradeCommunities([bad]));
    expect(error.code).toBe('community_type_invalid');
    expect(error.message).toBe('居民区 X 的类型应为导入居或村改居');
  });
});
