import { describe, expect, it } from 'vitest';
import { ScorecardError } from './errors.ts';
import { resolveSatisfaction, type SatisfactionOverride } from './satisfaction.ts';

const override = (over: Partial<SatisfactionOverride> = {}): SatisfactionOverride => ({
  points: 27,
  reason: '部分问卷经核实为重复填报，按核实后数据重算',
  by: 'coordinator-li',
  at: '2026-01-10T09:00:00+08:00',
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

describe('satisfaction points', () => {
  it('uses the points computed from the survey data', () => {
    expect(resolveSatisfaction({ computed: 25.37 })).toEqual({
      points: 25.37,
      source: 'survey',
      computed: 25.37,
      override: null,
    });
  });

  it('has no points while no questionnaire has been counted', () => {
    const result = resolveSatisfaction({ computed: null });
    expect(result.points).toBeNull();
    expect(result.source).toBe('missing');
  });

  it("uses a coordinator's override with its reason, keeping the computed figure beside it", () => {
    const result = resolveSatisfaction({ computed: 25.37, override: override() });
    expect(result.points).toBe(27);
    expect(result.source).toBe('override');
    expect(result.computed).toBe(25.37);
    expect(result.override?.reason).toContain('重复填报');
  });

  it('refuses an override without a reason', () => {
    const error = refusal(() =>
      resolveSatisfaction({ computed: 25, override: override({ reason: '  ' }) }),
    );
    expect(error.code).toBe('override_reason_required');
    expect(error.message).toBe('调整群众满意度测评得分必须填写理由');
  });

  it('refuses an override without who made it', () => {
    expect(
      refusal(() => resolveSatisfaction({ computed: 25, override: override({ by: '' }) })).code,
    ).toBe('override_author_required');
  });

  it.each([-1, 30.5, 12.345])('refuses an override of %s points', (points) => {
    const error = refusal(() =>
      resolveSatisfaction({ computed: 25, override: override({ points }) }),
    );
    expect(error.code).toBe('satisfaction_points_out_of_range');
    expect(error.path).toBe('override.points');
  });

  it('refuses computed points above 30', () => {
    expect(refusal(() => resolveSatisfaction({ computed: 31 })).code).toBe(
      'satisfaction_points_out_of_range',
    );
  });
});
