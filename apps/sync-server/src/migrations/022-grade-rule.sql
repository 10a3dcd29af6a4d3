-- The rule that grades 优秀 / 良好 / 一般 within each community type. The plan does not fix it
-- (三、绩效评价), so the assessment team sets it per year; NULL is the scorecard's default rule.
ALTER TABLE assessment_years ADD COLUMN grade_rule TEXT;
