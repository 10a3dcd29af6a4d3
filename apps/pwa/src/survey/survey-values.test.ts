import { describe, expect, test } from 'vitest';
import { validateSurvey } from './survey-validation.ts';
import { addressOf, emptySurveyValues, shownHouseholdKey } from './survey-values.ts';

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

describe('the address boxes', () => {
  const base = emptySurveyValues('DEMO01');

  test('two lanes of one community are two households, not a repeat', () => {
    const a = { ...base, area: '九亭小区', lane: '100', building: '12', room: '301' };
    const b = { ...a, lane: '200' };
    expect(shownHouseholdKey(a)).toBe('九亭小区·100弄12号301室');
    expect(shownHouseholdKey(b)).toBe('九亭小区·200弄12号301室');
  });

  test('a house with no room is a complete address', () => {
    expect(shownHouseholdKey({ ...base, road: '涞寅路', lane: '88', building: '5' })).toBe(
      '88弄5号',
    );
    expect(shownHouseholdKey({ ...base, area: '新姚村', building: '3组', room: '25' })).toBe(
      '新姚村·3组25号',
    );
  });

  test('a draft saved before the area, road and lane boxes still reads', () => {
    expect(addressOf({ building: '12', unit: '', room: '301' })).toBe('12号301室');
  });

  test('a phone number in the address is refused beside the address', () => {
    const values = { ...base, building: '13812345678', room: '301' };
    const result = validateSurvey(
      values,
      '6f1c2a4e-1111-4222-8333-944455556666',
      '2026-11-30T02:00:00.000Z',
    );
    expect(result.ok ? null : result.errors.address).toMatch(/手机号码/);
  });
});
