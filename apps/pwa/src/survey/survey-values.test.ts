import { describe, expect, test } from 'vitest';
import { emptySurveyValues, validateSurvey } from './survey-values.ts';

describe('validating a canvasser’s survey', () => {
  test('a channel read as null (react-hook-form’s untouched radio group) is asked for in Chinese', () => {
    const values = { ...emptySurveyValues('DEMO01'), channel: null };
    const result = validateSurvey(
      values,
      '6f1c2a4e-1111-4222-8333-944455556666',
      '2026-11-30T02:00:00.000Z',
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.errors.channel).toBe('请选择采集方式');
  });
});
