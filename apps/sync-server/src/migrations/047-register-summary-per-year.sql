-- The register summary (migration 045) per assessment year: a household counted in 2025 and in
-- 2026 counted twice in one figure once a second year had data. The register itself has no
-- year (it lists who lives there now), so its 居住 households stay one number per community;
-- what responses add (counted households, their scores, 册外) is kept per (year, community).
--
--   register_summary       a row exactly while the community has a register: households (居住)
--   register_year_summary  a row for each year with any response of a community that has a
--                          register (made by the register's creation and by each response's
--                          insert or move): counted, score_sum, outside as 045 defined them,
--                          for that year's responses only.
DROP TRIGGER register_summary_register_insert;
DROP TRIGGER register_summary_register_delete;
DROP TRIGGER register_summary_response_insert;
DROP TRIGGER register_summary_response_update;
DROP TRIGGER register_summary_response_delete;
DROP TRIGGER register_summary_household_insert;
DROP TRIGGER register_summary_household_delete;
DROP TRIGGER register_summary_household_update;
DROP TABLE register_summary;

CREATE TABLE register_summary (
  community_code TEXT PRIMARY KEY,
  households INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE register_year_summary (
  assessment_year INTEGER NOT NULL,
  community_code TEXT NOT NULL,
  counted INTEGER NOT NULL,
  score_sum INTEGER NOT NULL,
  outside INTEGER NOT NULL,
  PRIMARY KEY (assessment_year, community_code)
) WITHOUT ROWID;

-- What counts for one household in one year reads the counted index with the year beside it.
CREATE INDEX responses_household_year ON responses(community_code, household_key, assessment_year);

INSERT INTO register_summary
  SELECT g.community_code,
    (SELECT count(*) FROM register_households h
     WHERE h.community_code = g.community_code AND h.status = '居住')
  FROM household_registers g;

INSERT INTO register_year_summary
  SELECT r.assessment_year, r.community_code,
    sum(r.counted = 1 AND EXISTS (SELECT 1 FROM register_households h
      WHERE h.community_code = r.community_code AND h.household_key = r.household_key
        AND h.status = '居住')),
    sum(r.score * (r.counted = 1 AND EXISTS (SELECT 1 FROM register_households h
      WHERE h.community_code = r.community_code AND h.household_key = r.household_key
        AND h.status = '居住'))),
    sum(r.invalidated_at IS NULL AND NOT EXISTS (SELECT 1 FROM register_households h
      WHERE h.community_code = r.community_code AND h.household_key = r.household_key))
  FROM responses r
  WHERE EXISTS (SELECT 1 FROM household_registers g WHERE g.community_code = r.community_code)
  GROUP BY r.assessment_year, r.community_code;

-- A register is created empty (its households follow): every valid response of the community
-- is 册外 in its year until its household is listed.
CREATE TRIGGER register_summary_register_insert AFTER INSERT ON household_registers
BEGIN
  INSERT INTO register_summary VALUES (NEW.community_code, 0);
  INSERT INTO register_year_summary
    SELECT r.assessment_year, NEW.community_code, 0, 0, sum(r.invalidated_at IS NULL)
    FROM responses r WHERE r.community_code = NEW.community_code
    GROUP BY r.assessment_year;
END;

CREATE TRIGGER register_summary_register_delete AFTER DELETE ON household_registers
BEGIN
  DELETE FROM register_summary WHERE community_code = OLD.community_code;
  DELETE FROM register_year_summary WHERE community_code = OLD.community_code;
END;

-- A response counts toward its register household's figures of its year while it is counted
-- (and so valid) and the household is 居住; it is 册外 while it is valid and its key is not in
-- the register. The year's row is made here when it is the year's first response.
CREATE TRIGGER register_summary_response_insert AFTER INSERT ON responses
WHEN EXISTS (SELECT 1 FROM register_summary WHERE community_code = NEW.community_code)
BEGIN
  INSERT INTO register_year_summary
    SELECT NEW.assessment_year, NEW.community_code, l.counted, NEW.score * l.counted, l.outside
    FROM (SELECT
      (NEW.counted = 1 AND EXISTS (SELECT 1 FROM register_households h
        WHERE h.community_code = NEW.community_code AND h.household_key = NEW.household_key
          AND h.status = '居住')) AS counted,
      (NEW.invalidated_at IS NULL AND NOT EXISTS (SELECT 1 FROM register_households h
        WHERE h.community_code = NEW.community_code
          AND h.household_key = NEW.household_key)) AS outside) l
    WHERE 1
  ON CONFLICT (assessment_year, community_code) DO UPDATE SET
    counted = counted + excluded.counted,
    score_sum = score_sum + excluded.score_sum,
    outside = outside + excluded.outside;
END;

CREATE TRIGGER register_summary_response_update
AFTER UPDATE OF counted, invalidated_at, score, community_code, household_key, assessment_year
ON responses
BEGIN
  UPDATE register_year_summary SET
    counted = counted - (OLD.counted = 1 AND EXISTS (SELECT 1 FROM register_households h
      WHERE h.community_code = OLD.community_code AND h.household_key = OLD.household_key
        AND h.status = '居住')),
    score_sum = score_sum - OLD.score * (OLD.counted = 1 AND EXISTS (
      SELECT 1 FROM register_households h
      WHERE h.community_code = OLD.community_code AND h.household_key = OLD.household_key
        AND h.status = '居住')),
    outside = outside - (OLD.invalidated_at IS NULL AND NOT EXISTS (
      SELECT 1 FROM register_households h
      WHERE h.community_code = OLD.community_code AND h.household_key = OLD.household_key))
  WHERE assessment_year = OLD.assessment_year AND community_code = OLD.community_code;
  INSERT INTO register_year_summary
    SELECT NEW.assessment_year, NEW.community_code, l.counted, NEW.score * l.counted, l.outside
    FROM (SELECT
      (NEW.counted = 1 AND EXISTS (SELECT 1 FROM register_households h
        WHERE h.community_code = NEW.community_code AND h.household_key = NEW.household_key
          AND h.status = '居住')) AS counted,
      (NEW.invalidated_at IS NULL AND NOT EXISTS (SELECT 1 FROM register_households h
        WHERE h.community_code = NEW.community_code
          AND h.household_key = NEW.household_key)) AS outside) l
    WHERE EXISTS (SELECT 1 FROM register_summary WHERE community_code = NEW.community_code)
  ON CONFLICT (assessment_year, community_code) DO UPDATE SET
    counted = counted + excluded.counted,
    score_sum = score_sum + excluded.score_sum,
    outside = outside + excluded.outside;
END;

CREATE TRIGGER register_summary_response_delete AFTER DELETE ON responses
BEGIN
  UPDATE register_year_summary SET
    counted = counted - (OLD.counted = 1 AND EXISTS (SELECT 1 FROM register_households h
      WHERE h.community_code = OLD.community_code AND h.household_key = OLD.household_key
        AND h.status = '居住')),
    score_sum = score_sum - OLD.score * (OLD.counted = 1 AND EXISTS (
      SELECT 1 FROM register_households h
      WHERE h.community_code = OLD.community_code AND h.household_key = OLD.household_key
        AND h.status = '居住')),
    outside = outside - (OLD.invalidated_at IS NULL AND NOT EXISTS (
      SELECT 1 FROM register_households h
      WHERE h.community_code = OLD.community_code AND h.household_key = OLD.household_key))
  WHERE assessment_year = OLD.assessment_year AND community_code = OLD.community_code;
END;

-- A household listed: in every year, its valid responses stop being 册外; if 居住, it joins the
-- denominator and its counted response of each year (at most one a year) joins that year's.
CREATE TRIGGER register_summary_household_insert AFTER INSERT ON register_households
BEGIN
  UPDATE register_summary SET households = households + (NEW.status = '居住')
  WHERE community_code = NEW.community_code;
  UPDATE register_year_summary SET
    counted = counted + (NEW.status = '居住') * (SELECT count(*) FROM responses r
      WHERE r.community_code = NEW.community_code AND r.household_key = NEW.household_key
        AND r.assessment_year = register_year_summary.assessment_year AND r.counted = 1),
    score_sum = score_sum + (NEW.status = '居住') * (SELECT coalesce(sum(r.score), 0)
      FROM responses r
      WHERE r.community_code = NEW.community_code AND r.household_key = NEW.household_key
        AND r.assessment_year = register_year_summary.assessment_year AND r.counted = 1),
    outside = outside - (SELECT count(*) FROM responses r
      WHERE r.community_code = NEW.community_code AND r.household_key = NEW.household_key
        AND r.assessment_year = register_year_summary.assessment_year
        AND r.invalidated_at IS NULL)
  WHERE community_code = NEW.community_code;
END;

CREATE TRIGGER register_summary_household_delete AFTER DELETE ON register_households
BEGIN
  UPDATE register_summary SET households = households - (OLD.status = '居住')
  WHERE community_code = OLD.community_code;
  UPDATE register_year_summary SET
    counted = counted - (OLD.status = '居住') * (SELECT count(*) FROM responses r
      WHERE r.community_code = OLD.community_code AND r.household_key = OLD.household_key
        AND r.assessment_year = register_year_summary.assessment_year AND r.counted = 1),
    score_sum = score_sum - (OLD.status = '居住') * (SELECT coalesce(sum(r.score), 0)
      FROM responses r
      WHERE r.community_code = OLD.community_code AND r.household_key = OLD.household_key
        AND r.assessment_year = register_year_summary.assessment_year AND r.counted = 1),
    outside = outside + (SELECT count(*) FROM responses r
      WHERE r.community_code = OLD.community_code AND r.household_key = OLD.household_key
        AND r.assessment_year = register_year_summary.assessment_year
        AND r.invalidated_at IS NULL)
  WHERE community_code = OLD.community_code;
END;

-- A re-import rewrites every household it lists (an upsert); only a change of status or key
-- moves the figures, so the others cost nothing here.
CREATE TRIGGER register_summary_household_update
AFTER UPDATE OF status, household_key, community_code ON register_households
WHEN OLD.status IS NOT NEW.status OR OLD.household_key IS NOT NEW.household_key
  OR OLD.community_code IS NOT NEW.community_code
BEGIN
  UPDATE register_summary SET households = households - (OLD.status = '居住')
  WHERE community_code = OLD.community_code;
  UPDATE register_year_summary SET
    counted = counted - (OLD.status = '居住') * (SELECT count(*) FROM responses r
      WHERE r.community_code = OLD.community_code AND r.household_key = OLD.household_key
        AND r.assessment_year = register_year_summary.assessment_year AND r.counted = 1),
    score_sum = score_sum - (OLD.status = '居住') * (SELECT coalesce(sum(r.score), 0)
      FROM responses r
      WHERE r.community_code = OLD.community_code AND r.household_key = OLD.household_key
        AND r.assessment_year = register_year_summary.assessment_year AND r.counted = 1),
    outside = outside + (SELECT count(*) FROM responses r
      WHERE r.community_code = OLD.community_code AND r.household_key = OLD.household_key
        AND r.assessment_year = register_year_summary.assessment_year
        AND r.invalidated_at IS NULL)
  WHERE community_code = OLD.community_code;
  UPDATE register_summary SET households = households + (NEW.status = '居住')
  WHERE community_code = NEW.community_code;
  UPDATE register_year_summary SET
    counted = counted + (NEW.status = '居住') * (SELECT count(*) FROM responses r
      WHERE r.community_code = NEW.community_code AND r.household_key = NEW.household_key
        AND r.assessment_year = register_year_summary.assessment_year AND r.counted = 1),
    score_sum = score_sum + (NEW.status = '居住') * (SELECT coalesce(sum(r.score), 0)
      FROM responses r
      WHERE r.community_code = NEW.community_code AND r.household_key = NEW.household_key
        AND r.assessment_year = register_year_summary.assessment_year AND r.counted = 1),
    outside = outside - (SELECT count(*) FROM responses r
      WHERE r.community_code = NEW.community_code AND r.household_key = NEW.household_key
        AND r.assessment_year = register_year_summary.assessment_year
        AND r.invalidated_at IS NULL)
  WHERE community_code = NEW.community_code;
END;
