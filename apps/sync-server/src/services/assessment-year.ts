import { CURRENT_QUESTIONNAIRE, QUESTIONNAIRE_VERSIONS, shanghaiDay } from '@jiuting/questionnaire';

/**
 * The year the system starts from: records stored before any assessment year was created
 * belong to it, and so does everything while the office has created none.
 */
export const FIRST_ASSESSMENT_YEAR = 2025;

/** What the year rule needs to know of one assessment year (a row of assessment_years). */
export interface YearFacts {
  year: number;
  state: 'open' | 'locked';
  /** The questionnaire version the year collects with. */
  questionnaireVersion: number;
  /** The collection window the coordinators set, Shanghai days inclusive; null when unset. */
  collectionFrom: string | null;
  collectionTo: string | null;
  /** When the year was opened (created): the default start of its collection. */
  openedAt: string;
}

/**
 * The questionnaire versions a year may collect with: the package's editions, less the worked
 * example (not the town's text). Items of any edition the package knows still validate.
 */
export function knownQuestionnaireVersions(): readonly number[] {
  return QUESTIONNAIRE_VERSIONS.filter((q) => !q.example).map((q) => q.version);
}

/** The years as stored, or the first year alone while none has been created. */
export function yearsOrFirst(years: readonly YearFacts[]): readonly YearFacts[] {
  if (years.length > 0) return years;
  return [
    {
      year: FIRST_ASSESSMENT_YEAR,
      state: 'open',
      questionnaireVersion: CURRENT_QUESTIONNAIRE.version,
      collectionFrom: null,
      collectionTo: null,
      openedAt: '',
    },
  ];
}

/** The year new collection goes to and views default to: the latest one opened. */
export function currentYear(years: readonly YearFacts[]): YearFacts {
  const all = yearsOrFirst(years);
  return all.reduce((a, b) => (b.year > a.year ? b : a));
}

export interface CollectedItem {
  /** Surveys carry the version they were filled with; interviews and visits carry none. */
  questionnaireVersion?: number | undefined;
  /** The phone's time of collection (ISO-8601 with offset). */
  collectedAt: string;
  /** Its Shanghai day, when the caller has already worked it out (prepare-items.ts). */
  collectedDay?: string | undefined;
}

/**
 * The assessment year a record belongs to, decided once at ingest and stored with it.
 *
 * A survey belongs to a year that collects with its questionnaire version (any year when none
 * does: an item is never refused for being old). Among those, a year's collection starts on its
 * window's first day, or when the year was opened (the earliest such year has no start), and
 * ends after its window's last day. The item goes to the latest year it falls in; an item past
 * every window goes to the latest year that had started (late, not lost); one before every
 * start goes to the earliest. So a December item synced in January stays in December's year.
 */
export function assessmentYearOf(item: CollectedItem, stored: readonly YearFacts[]): YearFacts {
  const years = [...yearsOrFirst(stored)].sort((a, b) => a.year - b.year);
  const sameVersion = years.filter((y) => y.questionnaireVersion === item.questionnaireVersion);
  const candidates = sameVersion.length > 0 ? sameVersion : years;
  const at = Date.parse(item.collectedAt);
  const day = item.collectedDay ?? shanghaiDay(item.collectedAt);
  const started = candidates.filter((y, index) => {
    if (y.collectionFrom !== null) return day >= y.collectionFrom;
    if (index === 0) return true;
    return at >= Date.parse(y.openedAt);
  });
  const inWindow = started.filter((y) => y.collectionTo === null || day <= y.collectionTo);
  return (inWindow.at(-1) ?? started.at(-1) ?? candidates[0]) as YearFacts;
}
