import { describe, expect, it } from 'vitest';
import {
  assessmentYearOf,
  currentYear,
  FIRST_ASSESSMENT_YEAR,
  type YearFacts,
} from './assessment-year.ts';

const year = (y: number, patch: Partial<YearFacts> = {}): YearFacts => ({
  year: y,
  state: 'open',
  questionnaireVersion: 1,
  collectionFrom: null,
  collectionTo: null,
  openedAt: `${y}-01-02T02:00:00.000Z`,
  ...patch,
});

const yearOf = (collectedAt: string, years: YearFacts[], questionnaireVersion?: number) =>
  assessmentYearOf({ collectedAt, questionnaireVersion }, years).year;

describe('assessmentYearOf', () => {
  it('puts everything in the first year while no year has been created', () => {
    expect(yearOf('2027-03-01T08:00:00+08:00', [], 1)).toBe(FIRST_ASSESSMENT_YEAR);
    expect(currentYear([]).year).toBe(FIRST_ASSESSMENT_YEAR);
  });

  it('keeps a December item in the old year when it is synced after the new year opened', () => {
    const years = [year(2025, { openedAt: '2025-09-01T00:00:00Z' }), year(2026)];
    expect(yearOf('2025-12-28T15:00:00+08:00', years, 1)).toBe(2025);
    // Collected after the new year was opened: the new year's.
    expect(yearOf('2026-01-05T09:00:00+08:00', years, 1)).toBe(2026);
    // Interviews have no version; the same times decide.
    expect(yearOf('2025-12-28T15:00:00+08:00', years)).toBe(2025);
  });

  it('sends an item to the year that collects with its questionnaire version', () => {
    const years = [year(2025), year(2026, { questionnaireVersion: 2 })];
    // Filled in with the 2025 form in March 2026: still 2025 (never refused for being old).
    expect(yearOf('2026-03-01T09:00:00+08:00', years, 1)).toBe(2025);
    expect(yearOf('2026-03-01T09:00:00+08:00', years, 2)).toBe(2026);
  });

  it('follows the collection window the coordinators set', () => {
    const years = [
      year(2025, { collectionFrom: '2025-10-01', collectionTo: '2026-01-15' }),
      year(2026, { collectionFrom: '2026-01-16', openedAt: '2025-12-01T00:00:00Z' }),
    ];
    // Opened early, but its window starts in mid-January (Shanghai days).
    expect(yearOf('2026-01-10T09:00:00+08:00', years, 1)).toBe(2025);
    expect(yearOf('2026-01-15T23:30:00+08:00', years, 1)).toBe(2025);
    expect(yearOf('2026-01-15T16:30:00Z', years, 1)).toBe(2026);
    // Before every window: the earliest year, not refused.
    expect(yearOf('2025-06-01T09:00:00+08:00', years, 1)).toBe(2025);
  });

  it('sends an item past every window to the latest year that had started', () => {
    const years = [
      year(2025, { collectionTo: '2025-12-31' }),
      year(2026, { collectionFrom: '2027-01-01' }),
    ];
    expect(yearOf('2026-02-01T09:00:00+08:00', years, 1)).toBe(2025);
  });

  it('takes a version no year uses into the years by time alone', () => {
    const years = [year(2025), year(2026)];
    expect(yearOf('2026-02-01T09:00:00+08:00', years, 7)).toBe(2026);
  });
});
