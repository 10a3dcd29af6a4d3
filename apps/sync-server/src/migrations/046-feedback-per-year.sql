-- The feedback summary (migration 029) per assessment year: 2025's texts and tallies no longer
-- show in 2026's views. Tallies and respondents are keyed by year; the triggers on responses are
-- 029's, with the year beside the community.
DROP TRIGGER feedback_after_insert;
DROP TRIGGER feedback_after_update;
DROP TRIGGER feedback_after_delete;

-- The texts are rebuilt with the year in their id: assessment_year × 2^40 + seq × 4 + slot. A
-- year's texts are then one rowid range, newest first within it, so the list and the trigram
-- index (keyed by the same id) read one year by its range, without a sort or a join, as 029's
-- read everything.
DROP TRIGGER feedback_texts_after_insert;
DROP TRIGGER feedback_texts_after_delete;
DROP TABLE feedback_search;
DROP TABLE feedback_texts;

CREATE TABLE feedback_texts (
  id INTEGER PRIMARY KEY,
  response_id TEXT NOT NULL,
  community_code TEXT NOT NULL,
  field TEXT NOT NULL,
  text TEXT NOT NULL,
  collected_at TEXT NOT NULL,
  assessment_year INTEGER NOT NULL
);
CREATE INDEX feedback_texts_community ON feedback_texts(community_code, assessment_year);

CREATE VIRTUAL TABLE feedback_search USING fts5(
  text, content = 'feedback_texts', content_rowid = 'id', tokenize = 'trigram'
);

-- How many texts each (year, community, field) has: the list's total without a search, read
-- from a few rows instead of counting a year's texts.
CREATE TABLE feedback_text_counts (
  assessment_year INTEGER NOT NULL,
  community_code TEXT NOT NULL,
  slot INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (assessment_year, community_code, slot)
) WITHOUT ROWID;

CREATE TRIGGER feedback_texts_after_insert AFTER INSERT ON feedback_texts BEGIN
  INSERT INTO feedback_search (rowid, text) VALUES (NEW.id, NEW.text);
  INSERT INTO feedback_text_counts VALUES (NEW.assessment_year, NEW.community_code, NEW.id % 4, 1)
  ON CONFLICT (assessment_year, community_code, slot) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER feedback_texts_after_delete AFTER DELETE ON feedback_texts BEGIN
  INSERT INTO feedback_search (feedback_search, rowid, text) VALUES ('delete', OLD.id, OLD.text);
  UPDATE feedback_text_counts SET count = count - 1
  WHERE assessment_year = OLD.assessment_year AND community_code = OLD.community_code
    AND slot = OLD.id % 4;
END;

INSERT INTO feedback_texts (id, field, response_id, community_code, text, collected_at,
    assessment_year)
  SELECT text_id, field, id, community_code, text, collected_at, assessment_year FROM (
    SELECT r.assessment_year * 1099511627776 + r.seq * 4 + p.slot AS text_id, p.field, r.id,
      r.community_code, json_extract(r.content, p.path) AS text, r.collected_at, r.assessment_year
    FROM responses r, (
      SELECT 'q10Other' AS field, 3 AS slot, '$.answers.q10Other' AS path
      UNION ALL SELECT 'q11Other', 2, '$.answers.q11Other'
      UNION ALL SELECT 'q12', 1, '$.answers.q12') p
    WHERE r.counted = 1)
  WHERE text IS NOT NULL AND trim(text) <> ''
  ORDER BY text_id;

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
    SELECT NEW.assessment_year * 1099511627776 + NEW.seq * 4 + f.slot, f.field, NEW.id,
      NEW.community_code, f.text, NEW.collected_at, NEW.assessment_year FROM (
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
  DELETE FROM feedback_texts WHERE id BETWEEN OLD.assessment_year * 1099511627776 + OLD.seq * 4
    AND OLD.assessment_year * 1099511627776 + OLD.seq * 4 + 3;
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
    SELECT NEW.assessment_year * 1099511627776 + NEW.seq * 4 + f.slot, f.field, NEW.id,
      NEW.community_code, f.text, NEW.collected_at, NEW.assessment_year FROM (
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
  DELETE FROM feedback_texts WHERE id BETWEEN OLD.assessment_year * 1099511627776 + OLD.seq * 4
    AND OLD.assessment_year * 1099511627776 + OLD.seq * 4 + 3;
  UPDATE feedback_option_counts SET count = count - (
      SELECT count(*) FROM json_each(OLD.content, '$.answers.' || question) j
      WHERE j.value = letter)
    WHERE assessment_year = OLD.assessment_year AND community_code = OLD.community_code
      AND question IN ('q10', 'q11');
  UPDATE feedback_respondents SET count = count - 1
    WHERE assessment_year = OLD.assessment_year AND community_code = OLD.community_code;
END;
