-- What the team accepted as incomplete when it locked the year, each with its reason:
-- JSON [{ key, kind, message, reason }]. NULL for a year locked before this was asked.
ALTER TABLE assessment_years ADD COLUMN lock_exceptions TEXT;
