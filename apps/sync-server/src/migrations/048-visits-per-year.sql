-- Visit outcomes are read one assessment year at a time (the dashboard's counts, 回访, the visit
-- list's states, the export's 走访记录): a door found 不在家 in 2025 is not a 2026 revisit.
-- Each visit's year is decided at ingest like a response's (assessmentYearOf).
CREATE INDEX visits_year ON visits(assessment_year, community_code, household_key);
