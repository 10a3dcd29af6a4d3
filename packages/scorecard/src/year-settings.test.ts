import { describe, expect, it } from 'vitest';
import { assessCommunities, type CommunityAssessmentInput } from './assessment.ts';
import { computeBonus } from './bonus.ts';
import { YearSettingsSchema } from './schemas.ts';
import {
  bonusRulesFor,
  checkYearSettings,
  DEFAULT_YEAR_SETTINGS,
  describeYearSettings,
  type YearSettings,
} from './year-settings.ts';

const settings = (over: Partial<YearSettings> = {}): YearSettings => ({
  ...DEFAULT_YEAR_SETTINGS,
  ...over,
});

describe('year settings', () => {
  it('default to the README’s figures: cases 0.5–1, at most 1, questionnaires only, flag only', () => {
    expect(DEFAULT_YEAR_SETTINGS).toEqual({
      casePoints: { min: 0.5, max: 1 },
      casesCap: 1,
      interviewShare: 0,
      coverageConsequence: 'flag',
    });
    expect(describeYearSettings(DEFAULT_YEAR_SETTINGS)).toEqual([
      '自治共治优秀案例：每个加 0.5–1 分，合计不超过 1 分',
      '满意度得分（30 分）：问卷占 100%，特殊群体访谈占 0%',
      '问卷覆盖率低于 30%：仅标注，不影响得分和等次',
    ]);
  });

  it('change what a self-governance case may add', () => {
    const cases = [
      { title: '议事会', points: 1.5 },
      { title: '睦邻点', points: 1 },
    ];
    expect(() => computeBonus({ honours: [], cases })).toThrow(/0.5/);
    const rules = bonusRulesFor(settings({ casePoints: { min: 0.5, max: 2 }, casesCap: 2 }));
    expect(computeBonus({ honours: [], cases }, rules).points).toBe(2);
  });

  it.each([
    [{ casePoints: { min: 0, max: 1 } }, 'casePoints.min'],
    [{ casePoints: { min: 1, max: 0.5 } }, 'casePoints.max'],
    [{ casesCap: 6 }, 'casesCap'],
    [{ interviewShare: 1.2 }, 'interviewShare'],
    [{ interviewShare: 0.125 }, 'interviewShare'],
    [{ coverageConsequence: 'drop' as 'flag' }, 'coverageConsequence'],
  ])('refuses %j in Chinese at %s', (over, path) => {
    const error = checkYearSettings(settings(over));
    expect(error?.code).toBe('year_settings_invalid');
    expect(error?.path).toBe(path);
    expect(error?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(YearSettingsSchema.safeParse(settings(over)).success).toBe(false);
  });
});

describe('what coverage under 30% costs', () => {
  const community = (
    code: string,
    satisfaction: number,
    coverageBelowFloor: boolean,
  ): CommunityAssessmentInput => ({
    code,
    type: '导入居',
    coverageBelowFloor,
    scores: {
      satisfaction: { computed: satisfaction },
      items: {},
      bonus: { honours: [], cases: [] },
      deductions: [],
    },
  });
  const town = [community('A', 30, true), community('B', 20, false), community('C', 10, false)];
  const rule = { kind: 'shares', excellentPercent: 40, goodPercent: 30 } as const;

  it('costs nothing by default: the flag is only shown', () => {
    const result = assessCommunities(town, { gradeRule: rule });
    expect(result.map((r) => [r.code, r.total, r.grade])).toEqual([
      ['A', 30, '优秀'],
      ['B', 20, '良好'],
      ['C', 10, '一般'],
    ]);
  });

  it('keeps the community out of 优秀 with no-excellent, leaving the others’ grades alone', () => {
    const result = assessCommunities(town, {
      gradeRule: rule,
      coverageConsequence: 'no-excellent',
    });
    expect(result.map((r) => [r.code, r.rank, r.grade])).toEqual([
      ['A', 1, '良好'],
      ['B', 2, '良好'],
      ['C', 3, '一般'],
    ]);
  });

  it('does not count the survey’s figure with no-survey-points, unless overridden', () => {
    const result = assessCommunities(town, {
      gradeRule: rule,
      coverageConsequence: 'no-survey-points',
    });
    const a = result.find((r) => r.code === 'A');
    expect(a?.satisfaction).toMatchObject({ points: null, source: 'missing' });
    expect(a?.total).toBe(0);
    const overridden = assessCommunities(
      [
        {
          ...community('A', 30, true),
          scores: {
            ...community('A', 30, true).scores,
            satisfaction: {
              computed: 30,
              override: { points: 25, reason: '补充抽样核实', by: 'li', at: '2025-12-01' },
            },
          },
        },
      ],
      { coverageConsequence: 'no-survey-points' },
    );
    expect(overridden[0]?.satisfaction.points).toBe(25);
  });
});
