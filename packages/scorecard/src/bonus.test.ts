import { describe, expect, it } from 'vitest';
import { computeBonus, DEFAULT_BONUS_RULES, type Honour, honourPoints } from './bonus.ts';
import { ScorecardError } from './errors.ts';

const honour = (work: string, level: Honour['level'], bodies = 1): Honour => ({
  work,
  level,
  bodies,
});
const bonusOf = (honours: Honour[], cases: { title: string; points: number }[] = []) =>
  computeBonus({ honours, cases });

function refusal(run: () => unknown): ScorecardError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScorecardError) return error;
    throw error;
  }
  throw new Error('expected a ScorecardError');
}

describe('bonus: honour levels', () => {
  it('adds 3 for a national, 2 for a city and 1 for a district honour', () => {
    expect(bonusOf([honour('垃圾分类', 'national')]).points).toBe(3);
    expect(bonusOf([honour('垃圾分类', 'city')]).points).toBe(2);
    expect(bonusOf([honour('垃圾分类', 'district')]).points).toBe(1);
  });

  it('adds honours of different works together', () => {
    expect(bonusOf([honour('垃圾分类', 'city'), honour('平安社区', 'district')]).points).toBe(3);
  });

  it('gives nothing for no honours and no cases', () => {
    const bonus = bonusOf([]);
    expect(bonus.points).toBe(0);
    expect(bonus.works).toEqual([]);
  });
});

describe('bonus: one piece of work honoured at several levels counts once, at its highest', () => {
  it('counts district, city and national honours of the same work as the national one alone', () => {
    const bonus = bonusOf([
      honour('垃圾分类', 'district'),
      honour('垃圾分类', 'national'),
      honour('垃圾分类', 'city'),
    ]);
    expect(bonus.points).toBe(3);
    expect(bonus.works).toHaveLength(1);
    expect(bonus.works[0]?.counted.honour.level).toBe('national');
  });

  it('counts the same work twice at the same level once', () => {
    expect(bonusOf([honour('垃圾分类', 'city'), honour('垃圾分类', 'city')]).points).toBe(2);
  });

  it('treats the same work written with extra or full-width spaces as the same work', () => {
    expect(bonusOf([honour(' 垃圾 分类', 'district'), honour('垃圾　 分类 ', 'city')]).points).toBe(
      2,
    );
  });
});

describe('bonus: one honour won by several bodies counts one level higher, once', () => {
  it('raises a district honour won by two bodies to the city points', () => {
    expect(bonusOf([honour('睦邻点', 'district', 2)]).points).toBe(2);
  });

  it('raises a city honour won by several bodies to the national points', () => {
    expect(bonusOf([honour('睦邻点', 'city', 5)]).points).toBe(3);
  });

  it('raises a national honour won by several bodies to 4, one step above national', () => {
    const bonus = bonusOf([honour('睦邻点', 'national', 2)]);
    expect(bonus.points).toBe(4);
    expect(bonus.works[0]?.counted.raised).toBe(true);
  });

  it('does not multiply by the number of bodies', () => {
    expect(bonusOf([honour('睦邻点', 'district', 9)]).points).toBe(2);
  });

  it('takes the raised honour when it beats a higher single-body honour of the same work', () => {
    const bonus = bonusOf([honour('睦邻点', 'city'), honour('睦邻点', 'city', 3)]);
    expect(bonus.points).toBe(3);
  });

  it('lets the rule be changed so one level above national stays 3', () => {
    const rules = { ...DEFAULT_BONUS_RULES, aboveNationalPoints: 3 };
    expect(honourPoints(honour('睦邻点', 'national', 2), rules).points).toBe(3);
  });
});

describe('bonus: excellent self-governance cases', () => {
  it('adds a discretionary 0.5 or 1 point per case', () => {
    expect(bonusOf([], [{ title: '楼道自治', points: 0.5 }]).points).toBe(0.5);
    expect(bonusOf([], [{ title: '楼道自治', points: 1 }]).points).toBe(1);
  });

  it('adds at most 1 point for all cases together', () => {
    const bonus = bonusOf(
      [],
      [
        { title: '楼道自治', points: 1 },
        { title: '停车共治', points: 1 },
      ],
    );
    expect(bonus.casePoints).toBe(1);
    expect(bonus.points).toBe(1);
  });

  it.each([0, 0.25, 1.5, 2, -1, Number.NaN])('refuses %s points for a case', (points) => {
    const error = refusal(() => bonusOf([], [{ title: '楼道自治', points }]));
    expect(error.code).toBe('case_points_out_of_range');
    expect(error.message).toContain('0.5–1 分');
    expect(error.path).toBe('cases.0.points');
  });

  it('refuses a case without a title', () => {
    expect(refusal(() => bonusOf([], [{ title: '  ', points: 1 }])).code).toBe(
      'case_title_required',
    );
  });
});

describe('bonus: the cap of 5', () => {
  it('never adds more than 5 however many honours there are', () => {
    const bonus = bonusOf(
      [honour('垃圾分类', 'national'), honour('平安社区', 'national'), honour('睦邻点', 'city')],
      [{ title: '楼道自治', points: 1 }],
    );
    expect(bonus.uncapped).toBe(9);
    expect(bonus.points).toBe(5);
    expect(bonus.capped).toBe(true);
  });

  it('adds exactly 5 when the honours come to 5', () => {
    const bonus = bonusOf([honour('垃圾分类', 'national'), honour('平安社区', 'city')]);
    expect(bonus.points).toBe(5);
    expect(bonus.capped).toBe(false);
  });
});

describe('bonus: invalid honours are refused with a Chinese reason', () => {
  it.each([0, -1, 1.5])('refuses %s winning bodies', (bodies) => {
    const error = refusal(() => bonusOf([honour('垃圾分类', 'city', bodies)]));
    expect(error.code).toBe('honour_bodies_invalid');
    expect(error.message).toBe('获奖主体数应为不小于 1 的整数');
  });

  it('refuses an unknown level', () => {
    const bad = { work: '垃圾分类', level: 'town', bodies: 1 } as unknown as Honour;
    expect(refusal(() => bonusOf([bad])).code).toBe('honour_level_invalid');
  });

  it('refuses an honour that does not say what work it was for', () => {
    const error = refusal(() => bonusOf([honour('垃圾分类', 'city'), honour(' ', 'city')]));
    expect(error.code).toBe('honour_work_required');
    expect(error.path).toBe('honours.1.work');
  });
});
