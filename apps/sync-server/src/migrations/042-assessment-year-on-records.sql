-- Every record belongs to an assessment year (issue 18). The year is decided once, at ingest,
-- from the questionnaire version the item was collected with and the years' collection windows
-- (assessmentYearOf in src/services/assessment-year.ts), and stored: coverage, review, quality and
-- exports read one year at a time, and a household counts once in each year.

-- The year's own collection settings, set by the coordinators (audited): the questionnaire
-- version it collects with, and its collection window as Shanghai days (NULL: from the day the
-- year was opened, with no end).
ALTER TABLE assessment_years ADD COLUMN questionnaire_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE assessment_years ADD COLUMN collection_from TEXT;
ALTER TABLE assessment_years ADD COLUMN collection_to TEXT;

ALTER TABLE responses ADD COLUMN assessment_year INTEGER NOT NULL DEFAULT 2025;
ALTER TABLE interviews ADD COLUMN assessment_year INTEGER NOT NULL DEFAULT 2025;

-- Rows stored before: the rule as it stands with no window set (every stored response carries
-- version 1, as do all years so far): the latest year opened before the item was collected,
-- else the earliest year, else 2025 (no year created yet).
UPDATE responses SET assessment_year = coalesce(
  (SELECT max(year) FROM assessment_years WHERE julianday(created_at) <= julianday(responses.collected_at)),
  (SELECT min(year) FROM assessment_years),
  2025);
UPDATE interviews SET assessment_year = coalesce(
  (SELECT max(year) FROM assessment_years WHERE julianday(created_at) <= julianday(interviews.collected_at)),
  (SELECT min(year) FROM assessment_years),
  2025);

-- A household counts once per year: the same door surveyed in 2025 and 2026 counts in both.
DROP INDEX responses_one_counted_per_household;
CREATE UNIQUE INDEX responses_one_counted_per_household
  ON responses(community_code, household_key, assessment_year) WHERE counted = 1;

-- Review lists and exports read one year's records.
CREATE INDEX responses_year ON responses(assessment_year, community_code);
CREATE INDEX interviews_year ON interviews(assessment_year, community_code);
