import { DEFAULT_SATISFACTION_RULE, type SatisfactionRule } from '@jiuting/questionnaire';
import type { Db } from '../db/open.ts';
import { currentYear, type YearFacts } from '../services/assessment-year.ts';

// The assessment years as the collection side needs them: which year a record belongs to, which
// one views default to, and whether a year still takes writes. (The assessment's own reads and
// writes of a year are in repositories/assessment.ts.)
export function yearsRepository(db: Db) {
  const facts = db.prepare<[], YearFacts>(
    `SELECT year, state, questionnaire_version AS questionnaireVersion,
            collection_from AS collectionFrom, collection_to AS collectionTo, created_at AS openedAt
     FROM assessment_years ORDER BY year`,
  );
  const settings = db.prepare<[number], { share: number | null }>(
    "SELECT json_extract(settings, '$.interviewShare') AS share FROM assessment_years WHERE year = ?",
  );
  return {
    facts: (): YearFacts[] => facts.all(),
    /**
     * How the year blends interviews into the 30 points: its settings' interview share (set by
     * the team before the lock), the scorecard's default of 0 until then.
     */
    satisfactionRule(year: number): SatisfactionRule {
      const share = settings.get(year)?.share;
      return typeof share === 'number' ? { interviewShare: share } : DEFAULT_SATISFACTION_RULE;
    },
    /** The year new collection goes to and every view defaults to (the latest one opened). */
    current: (): YearFacts => currentYear(facts.all()),
    /** The year a view asked for, or the open one. */
    resolve(year: number | undefined): number {
      return year ?? currentYear(facts.all()).year;
    },
    /** True once the year is locked: its records no longer change. */
    isLocked(year: number): boolean {
      return (
        db
          .prepare("SELECT 1 FROM assessment_years WHERE year = ? AND state = 'locked'")
          .get(year) !== undefined
      );
    },
  };
}

export type YearsRepository = ReturnType<typeof yearsRepository>;
