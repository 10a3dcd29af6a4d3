import { describe, expect, test } from 'vitest';
import { emptyInterviewValues, validateInterview } from './interview-values.ts';

const ID = '7a2d3b5f-2222-4333-9444-a55566667777';
const AT = '2026-11-30T02:00:00.000Z';

describe('validating an interview', () => {
  test('an untouched choice read as null (react-hook-form’s radio group) is asked for, not a crash', () => {
    const values = { ...emptyInterviewValues('DEMO01'), group: null, method: 'phone', view: null };
    const result = validateInterview(values, ID, AT);
    expect(result).toEqual({
      ok: false,
      errors: { group: '请选择访谈对象类别', view: '请选择对居委会工作的评价' },
    });
  });

  test('passes once every choice is made, whatever stayed null before', () => {
    const values = {
      ...emptyInterviewValues('DEMO01'),
      group: 'elderly_living_alone',
      method: 'home',
      view: 'A',
    };
    expect(validateInterview(values, ID, AT).ok).toBe(true);
  });
});
