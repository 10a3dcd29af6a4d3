import { describe, expect, it } from 'vitest';
import { computeDeductions, type DeductionCase, type DeductionKind } from './deductions.ts';
import { ScorecardError } from './errors.ts';

const one = (kind: DeductionKind, points?: number): DeductionCase =>
  points === undefined ? { kind } : { kind, points };

function refusal(run: () => unknown): ScorecardError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScorecardError) return error;
    throw error;
  }
  throw new Error('expected a ScorecardError');
}

describe('deductions: disciplinary cases (党纪政纪, cap 2)', () => {
  it.each([1, 1.5])('deducts %s for a case against the main leader', (points) => {
    expect(computeDeductions([one('discipline.main-leader', points)]).points).toBe(points);
  });

  it.each([0.5, 2, 1.2, 0])('refuses %s for a case against the main leader', (points) => {
    const error = refusal(() => computeDeductions([one('discipline.main-leader', points)]));
    expect(error.code).toBe('deduction_points_out_of_range');
    expect(error.message).toContain('每件扣 1–1.5 分');
    expect(error.message).toContain(`不能扣 ${points} 分`);
  });

  it('asks for the amount of a main-leader case rather than guessing it', () => {
    const error = refusal(() => computeDeductions([one('discipline.main-leader')]));
    expect(error.code).toBe('deduction_points_required');
    expect(error.message).toContain('请填写扣分');
  });

  it.each([0.5, 1])('deducts %s for a case against another leadership member', (points) => {
    expect(computeDeductions([one('discipline.leadership-member', points)]).points).toBe(points);
  });

  it.each([0, 1.5])('refuses %s for a case against another leadership member', (points) => {
    expect(
      refusal(() => computeDeductions([one('discipline.leadership-member', points)])).code,
    ).toBe('deduction_points_out_of_range');
  });

  it('deducts 0.5 per staff case, taking the amount when none is given', () => {
    expect(computeDeductions([one('discipline.staff')]).points).toBe(0.5);
    expect(computeDeductions([one('discipline.staff'), one('discipline.staff', 0.5)]).points).toBe(
      1,
    );
  });

  it('refuses a staff case of any amount but 0.5', () => {
    expect(refusal(() => computeDeductions([one('discipline.staff', 1)])).message).toContain(
      '每件扣 0.5 分',
    );
  });

  it('adds cases per case and stops at 2', () => {
    const result = computeDeductions([
      one('discipline.main-leader', 1.5),
      one('discipline.leadership-member', 1),
      one('discipline.staff'),
    ]);
    expect(result.byCategory.discipline.uncapped).toBe(3);
    expect(result.byCategory.discipline.points).toBe(2);
    expect(result.byCategory.discipline.capped).toBe(true);
    expect(result.points).toBe(2);
  });
});

describe('deductions: archives and confidentiality (档案与保密, cap 1.5)', () => {
  it('deducts 0.5 for archives not kept, once however often it is recorded', () => {
    const result = computeDeductions([one('secrecy.archives'), one('secrecy.archives')]);
    expect(result.points).toBe(0.5);
    expect(result.deductions.map((d) => d.counted)).toEqual([true, false]);
  });

  it('deducts 1 for each confidentiality breach', () => {
    expect(computeDeductions([one('secrecy.breach')]).points).toBe(1);
  });

  it('stops at 1.5 for two breaches, or for archives plus a breach', () => {
    expect(computeDeductions([one('secrecy.breach'), one('secrecy.breach')]).points).toBe(1.5);
    expect(computeDeductions([one('secrecy.archives'), one('secrecy.breach')]).points).toBe(1.5);
  });

  it('refuses a breach of any amount but 1', () => {
    expect(refusal(() => computeDeductions([one('secrecy.breach', 0.5)])).code).toBe(
      'deduction_points_out_of_range',
    );
  });
});

describe('deductions: finance (财务规范, cap 1.5)', () => {
  it.each(['finance.budget', 'finance.procurement', 'finance.fixed-assets'] as const)(
    'deducts 0.5 for %s, once a year',
    (kind) => {
      expect(computeDeductions([one(kind)]).points).toBe(0.5);
      expect(computeDeductions([one(kind), one(kind), one(kind)]).points).toBe(0.5);
    },
  );

  it('reaches its cap of 1.5 with one of each of its three kinds', () => {
    const result = computeDeductions([
      one('finance.budget'),
      one('finance.procurement'),
      one('finance.fixed-assets'),
      one('finance.budget'),
    ]);
    expect(result.byCategory.finance.points).toBe(1.5);
    expect(result.byCategory.finance.capped).toBe(false);
  });

  it('refuses a finance deduction of 1', () => {
    expect(refusal(() => computeDeductions([one('finance.budget', 1)])).message).toBe(
      '预算编制或执行不规范扣 0.5 分，不能扣 1 分',
    );
  });
});

describe('deductions: all together', () => {
  it('deducts at most 5, each category held to its own cap', () => {
    const result = computeDeductions([
      one('discipline.main-leader', 1.5),
      one('discipline.main-leader', 1.5),
      one('secrecy.breach'),
      one('secrecy.breach'),
      one('finance.budget'),
      one('finance.procurement'),
      one('finance.fixed-assets'),
    ]);
    expect(result.byCategory.discipline.points).toBe(2);
    expect(result.byCategory.secrecy.points).toBe(1.5);
    expect(result.byCategory.finance.points).toBe(1.5);
    expect(result.points).toBe(5);
  });

  it('deducts nothing when there are no cases', () => {
    expect(computeDeductions([]).points).toBe(0);
  });

  it('refuses an unknown kind, naming which case it was', () => {
    const bad = { kind: 'late-report' } as unknown as DeductionCase;
    const error = refusal(() => computeDeductions([one('finance.budget'), bad]));
    expect(error.code).toBe('deduction_kind_invalid');
    expect(error.path).toBe('1.kind');
    expect(error.toJSON()).toEqual({ error: 'deduction_kind_invalid', message: '未知的扣分类别' });
  });
});

describe('deductions on an older browser', () => {
  it('checks a case where Object.hasOwn does not exist (Chrome before 93)', () => {
    const hasOwn = Object.hasOwn;
    delete (Object as { hasOwn?: unknown }).hasOwn;
    try {
      expect(computeDeductions([one('discipline.main-leader', 1)]).points).toBe(1);
      expect(() => computeDeductions([{ kind: 'toString' as DeductionKind }])).toThrow(
        ScorecardError,
      );
    } finally {
      Object.hasOwn = hasOwn;
    }
  });
});
