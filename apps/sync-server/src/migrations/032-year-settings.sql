-- The figures the plan leaves to the team, per year (@jiuting/scorecard YearSettings as JSON):
-- self-governance case points and cap, the interviews' share of the 30 points, and what
-- coverage under 30% costs. NULL is the scorecard's DEFAULT_YEAR_SETTINGS.
ALTER TABLE assessment_years ADD COLUMN settings TEXT;
