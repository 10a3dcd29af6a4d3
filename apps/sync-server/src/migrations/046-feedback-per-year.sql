-- The feedback summary (migration 029) per assessment year: 2025's texts and tallies no longer
-- show in 2026's views. The texts keep their ids (seq × 4 + slot), so the trigram index over them
-- stays valid; they gain the response's year. Tallies and respondents are keyed by year as well.
-- The triggers are the same as 029's, with the year beside the community.
DROP TRIGGER feedback_after_insert;
DROP TRIGGER feedback_after_update;
DROP TRIGGER feedback_after_delete;

ALTER TABLE feedback_texts ADD COLUMN assessment_year INTEGER NOT NULL DEFAULT 2025;
UPDATE feedback_texts SET assessment_year =
  (SELECT r.assessment_year FROM responses r WHERE r.id = feedback_texts.response_id);
-- Each index's entries for one year (and one community) are in rowid order, so a year's list,
-- or a community's in a year, pages newest first without a sort and counts from the index.
CREATE INDEX feedback_texts_year ON feedback_texts(assessment_year);
DROP INDEX feedback_texts_community;
CREATE INDEX feedback_texts_community ON feedback_texts(community_code, assessment_year);

DROP TABLE feedback_option_counts;
DROP TABLE feedback_respondents;

CREATE TABLE feedback_option_counts (
  assessment_year INTEGER NOT NULL,
  community_code TEXT NOT NULL,
  question TEXT NOT NULL,
  letter TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (assessment_year, community_code, question, letter)
) WITHOUT ROWID;

CREATE TABLE feedback_respondents (
  assessment_year INTEGER NOT NULL,
  community_code TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (assessment_year, community_code)
) WITHOUT ROWID;

INSERT INTO feedback_option_counts (assessment_year, community_code, question, letter, count)
  SELECT r.assessment_year, r.community_code, 'q10', j.value, count(*)
  FROM responses r, json_each(r.content, '$.answers.q10') j
  WHERE r.counted = 1 GROUP BY r.assessment_year, r.community_code, j.value;
INSERT INTO feedback_option_counts (assessment_year, community_code, question, letter, count)
  SELECT r.assessment_year, r.community_code, 'q11', j.value, count(*)
  FROM responses r, json_each(r.content, '$.answers.q11') j
  WHERE r.counted = 1 GROUP BY r.assessment_year, r.community_code, j.value;
INSERT INTO feedback_respondents (assessment_year, community_code, count)
  SELECT assessment_year, community_code, count(*) FROM responses WHERE counted = 1
  GROUP BY assessment_year, community_code;

CREATE TRIGGER feedback_after_insert AFTER INSERT ON responses WHEN NEW.counted = 1
BEGIN
  INSERT INTO feedback_texts (id, field, response_id, community_code, text, collected_at,
      assessment_year)
    SELECT NEW.seq * 4 + f.slot, f.field, NEW.id, NEW.community_code, f.text, NEW.collected_at,
      NEW.assessment_year FROM (
      SELECT 'q10Other' AS field, 3 AS slot, json_extract(NEW.content, '$.answers.q10Other') AS text
      UNION ALL SELECT 'q11Other', 2, json_extract(NEW.content, '$.answers.q11Other')
      UNION ALL SELECT 'q12', 1, json_extract(NEW.content, '$.answers.q12')) f
    WHERE f.text IS NOT NULL AND trim(f.text) <> '';
  INSERT INTO feedback_option_counts (assessment_year, community_code, question, letter, count)
    SELECT NEW.assessment_year, NEW.community_code, 'q10', j.value, 1
    FROM json_each(NEW.content, '$.answers.q10') j
    UNION ALL
    SELECT NEW.assessment_year, NEW.community_code, 'q11', j.value, 1
    FROM json_each(NEW.content, '$.answers.q11') j
    WHERE 1
  ON CONFLICT (assessment_year, community_code, question, letter) DO UPDATE SET count = count + 1;
  INSERT INTO feedback_respondents (assessment_year, community_code, count)
    VALUES (NEW.assessment_year, NEW.community_code, 1)
  ON CONFLICT (assessment_year, community_code) DO UPDATE SET count = count + 1;
END;

-- Take out what the response had added (when it was counted), then add what it adds now.
CREATE TRIGGER feedback_after_update
AFTER UPDATE OF counted, community_code, content, collected_at, id, assessment_year ON responses
WHEN OLD.counted = 1 OR NEW.counted = 1
BEGIN
  DELETE FROM feedback_texts WHERE id BETWEEN OLD.seq * 4 AND OLD.seq * 4 + 3;
  UPDATE feedback_option_counts SET count = count - (
      SELECT count(*) FROM json_each(OLD.content, '$.answers.' || question) j
      WHERE j.value = letter)
    WHERE OLD.counted = 1 AND assessment_year = OLD.assessment_year
      AND community_code = OLD.community_code AND question IN ('q10', 'q11');
  UPDATE feedback_respondents SET count = count - 1
    WHERE OLD.counted = 1 AND assessment_year = OLD.assessment_year
      AND community_code = OLD.community_code;
  INSERT INTO feedback_texts (id, field, response_id, community_code, text, collected_at,
      assessment_year)
    SELECT NEW.seq * 4 + f.slot, f.field, NEW.id, NEW.community_code, f.text, NEW.collected_at,
      NEW.assessment_year FROM (
      SELECT 'q10Other' AS field, 3 AS slot, json_extract(NEW.content, '$.answers.q10Other') AS text
      UNION ALL SELECT 'q11Other', 2, json_extract(NEW.content, '$.answers.q11Other')
      UNION ALL SELECT 'q12', 1, json_extract(NEW.content, '$.answers.q12')) f
    WHERE NEW.counted = 1 AND f.text IS NOT NULL AND trim(f.text) <> '';
  INSERT INTO feedback_option_counts (assessment_year, community_code, question, letter, count)
    SELECT NEW.assessment_year, NEW.community_code, 'q10', j.value, 1
    FROM json_each(NEW.content, '$.answers.q10') j
    WHERE NEW.counted = 1
    UNION ALL
    SELECT NEW.assessment_year, NEW.community_code, 'q11', j.value, 1
    FROM json_each(NEW.content, '$.answers.q11') j
    WHERE NEW.counted = 1
  ON CONFLICT (assessment_year, community_code, question, letter) DO UPDATE SET count = count + 1;
  INSERT INTO feedback_respondents (assessment_year, community_code, count)
    SELECT NEW.assessment_year, NEW.community_code, 1 WHERE NEW.counted = 1
  ON CONFLICT (assessment_year, community_code) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER feedback_after_delete AFTER DELETE ON responses WHEN OLD.counted = 1
BEGIN
  DELETE FROM feedback_texts WHERE id BETWEEN OLD.seq * 4 AND OLD.seq * 4 + 3;
  UPDATE feedback_option_counts SET count = count - (
      SELECT count(*) FROM json_each(OLD.content, '$.answers.' || question) j
      WHERE j.value = letter)
    WHERE assessment_year = OLD.assessment_year AND community_code = OLD.community_code
      AND question IN ('q10', 'q11');
  UPDATE feedback_respondents SET count = count - 1
    WHERE assessment_year = OLD.assessment_year AND community_code = OLD.community_code;
END;
