-- The coverage summary (migration 004) per assessment year: 2025's responses no longer count
-- toward 2026's coverage. Same triggers, keyed by the response's year as well.
DROP TRIGGER coverage_daily_after_insert;
DROP TRIGGER coverage_daily_after_update;
DROP TRIGGER coverage_daily_after_delete;
DROP TABLE coverage_daily;

CREATE TABLE coverage_daily (
  assessment_year INTEGER NOT NULL,
  community_code TEXT NOT NULL,
  -- '' for a resident's own answer by QR code (no collector).
  user_key TEXT NOT NULL,
  day TEXT NOT NULL,
  responses INTEGER NOT NULL,
  counted INTEGER NOT NULL,
  score_sum INTEGER NOT NULL,
  last_received_at TEXT,
  PRIMARY KEY (assessment_year, community_code, user_key, day)
) WITHOUT ROWID;

INSERT INTO coverage_daily
  SELECT assessment_year, community_code, coalesce(user_id, ''), collected_day, count(*),
         sum(counted), sum(counted * score), max(received_at)
  FROM responses WHERE invalidated_at IS NULL
  GROUP BY assessment_year, community_code, coalesce(user_id, ''), collected_day;

CREATE TRIGGER coverage_daily_after_insert AFTER INSERT ON responses
WHEN NEW.invalidated_at IS NULL
BEGIN
  INSERT INTO coverage_daily
    VALUES (NEW.assessment_year, NEW.community_code, coalesce(NEW.user_id, ''), NEW.collected_day,
            1, NEW.counted, NEW.counted * NEW.score, NEW.received_at)
  ON CONFLICT (assessment_year, community_code, user_key, day) DO UPDATE SET
    responses = responses + 1,
    counted = counted + excluded.counted,
    score_sum = score_sum + excluded.score_sum,
    last_received_at = max(coalesce(last_received_at, ''), excluded.last_received_at);
END;

CREATE TRIGGER coverage_daily_after_update
AFTER UPDATE OF counted, invalidated_at, score, community_code, user_id, collected_day,
  assessment_year ON responses
BEGIN
  UPDATE coverage_daily SET
    responses = responses - 1,
    counted = counted - OLD.counted,
    score_sum = score_sum - OLD.counted * OLD.score
  WHERE OLD.invalidated_at IS NULL AND assessment_year = OLD.assessment_year
    AND community_code = OLD.community_code AND user_key = coalesce(OLD.user_id, '')
    AND day = OLD.collected_day;
  INSERT INTO coverage_daily
    SELECT NEW.assessment_year, NEW.community_code, coalesce(NEW.user_id, ''), NEW.collected_day,
           1, NEW.counted, NEW.counted * NEW.score, NEW.received_at
    WHERE NEW.invalidated_at IS NULL
  ON CONFLICT (assessment_year, community_code, user_key, day) DO UPDATE SET
    responses = responses + 1,
    counted = counted + excluded.counted,
    score_sum = score_sum + excluded.score_sum,
    last_received_at = max(coalesce(last_received_at, ''), excluded.last_received_at);
END;

CREATE TRIGGER coverage_daily_after_delete AFTER DELETE ON responses
WHEN OLD.invalidated_at IS NULL
BEGIN
  UPDATE coverage_daily SET
    responses = responses - 1,
    counted = counted - OLD.counted,
    score_sum = score_sum - OLD.counted * OLD.score
  WHERE assessment_year = OLD.assessment_year AND community_code = OLD.community_code
    AND user_key = coalesce(OLD.user_id, '') AND day = OLD.collected_day;
END;
