-- The review list's total for a status filter. `status=valid` counted the year's rows by
-- reading each one for `invalidated_at` (~35 ms at 100,000, the screen's default filter once a
-- coordinator picks it); it is now the year's count (index only) less its invalid rows, which
-- this partial index holds. Rows arrive valid, so a sync never writes to it; a mark does.
CREATE INDEX responses_invalid ON responses(assessment_year, seq)
  WHERE invalidated_at IS NOT NULL;
-- `status=repeat`: a household's second and later responses, one in twenty or so. Only such a
-- row gets an entry, so ingest pays for it on repeats alone.
CREATE INDEX responses_repeat_seq ON responses(assessment_year, seq)
  WHERE counted = 0 AND invalidated_at IS NULL;
