-- The review list always asks for one assessment year, newest first (`assessment_year = ?
-- ORDER BY seq DESC LIMIT 50`, by page or by cursor). Through responses_year (year, community)
-- SQLite sorted every response of the year to give the first 50: ~0.25 s at 50,000 and most of
-- the review screen's time. In this order a page is an index range. A year's rows arrive in
-- seq order, so each insert appends at the end of its year's range.
CREATE INDEX responses_year_seq ON responses(assessment_year, seq);
