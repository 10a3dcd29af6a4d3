-- Residents' feedback read from what ingest keeps, not from JSON scanned per request: at 100,000
-- responses the texts took ~0.9 s (json_extract on every counted response, for the count and
-- again for the page) and the tallies ~0.4 s (json_each over every counted response).
-- Only counted responses speak for a household (the same set as coverage, scores and the export),
-- so triggers follow `counted` as well as inserts: a review, a recount or a canvasser's response
-- taking the count from a QR one moves a response's texts and letters in or out, in the same
-- transaction as the change.

-- The free texts (q12 and the 其他 boxes of q10 and q11) of counted responses, one row each.
-- id is the list's order, newest first: the response's arrival (seq) times four, plus 3 for
-- q10Other, 2 for q11Other, 1 for q12, so `ORDER BY id DESC` is "newest response first, then by
-- field" and the search index (keyed by the same id) pages in that order without sorting.
-- A response that leaves and rejoins the counted set gets the same ids back.
CREATE TABLE feedback_texts (
  id INTEGER PRIMARY KEY,
  response_id TEXT NOT NULL,
  community_code TEXT NOT NULL,
  field TEXT NOT NULL,
  text TEXT NOT NULL,
  collected_at TEXT NOT NULL
);
CREATE INDEX feedback_texts_community ON feedback_texts(community_code);
CREATE INDEX feedback_texts_field ON feedback_texts(field);

-- Search by any substring: trigrams index Chinese without a word list (case folded, as LIKE
-- folds ASCII). A query shorter than three characters has no trigram, so the repository scans
-- feedback_texts.text for those instead.
CREATE VIRTUAL TABLE feedback_search USING fts5(
  text, content = 'feedback_texts', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER feedback_texts_after_insert AFTER INSERT ON feedback_texts BEGIN
  INSERT INTO feedback_search (rowid, text) VALUES (NEW.id, NEW.text);
END;
CREATE TRIGGER feedback_texts_after_delete AFTER DELETE ON feedback_texts BEGIN
  INSERT INTO feedback_search (feedback_search, rowid, text) VALUES ('delete', OLD.id, OLD.text);
END;

-- How many counted responses chose each letter of q10 (problems) and q11 (hopes), per community.
CREATE TABLE feedback_option_counts (
  community_code TEXT NOT NULL,
  question TEXT NOT NULL,
  letter TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (community_code, question, letter)
) WITHOUT ROWID;

-- Counted responses per community (the tallies' denominators).
CREATE TABLE feedback_respondents (
  community_code TEXT PRIMARY KEY,
  count INTEGER NOT NULL
) WITHOUT ROWID;

-- Backfill: what the triggers below would have written for every stored response.
INSERT INTO feedback_texts (id, field, response_id, community_code, text, collected_at)
  SELECT text_id, field, id, community_code, text, collected_at FROM (
    SELECT r.seq * 4 + p.slot AS text_id, p.field, r.id, r.community_code,
      json_extract(r.content, p.path) AS text, r.collected_at
    FROM responses r, (
      SELECT 'q10Other' AS field, 3 AS slot, '$.answers.q10Other' AS path
      UNION ALL SELECT 'q11Other', 2, '$.answers.q11Other'
      UNION ALL SELECT 'q12', 1, '$.answers.q12') p
    WHERE r.counted = 1)
  WHERE text IS NOT NULL AND trim(text) <> ''
  ORDER BY text_id;

INSERT INTO feedback_option_counts (community_code, question, letter, count)
  SELECT r.community_code, 'q10', j.value, count(*)
  FROM responses r, json_each(r.content, '$.answers.q10') j
  WHERE r.counted = 1 GROUP BY r.community_code, j.value;
INSERT INTO feedback_option_counts (community_code, question, letter, count)
  SELECT r.community_code, 'q11', j.value, count(*)
  FROM responses r, json_each(r.content, '$.answers.q11') j
  WHERE r.counted = 1 GROUP BY r.community_code, j.value;

INSERT INTO feedback_respondents (community_code, count)
  SELECT community_code, count(*) FROM responses WHERE counted = 1 GROUP BY community_code;

CREATE TRIGGER feedback_after_insert AFTER INSERT ON responses WHEN NEW.counted = 1
BEGIN
  INSERT INTO feedback_texts (id, field, response_id, community_code, text, collected_at)
    SELECT NEW.seq * 4 + f.slot, f.field, NEW.id, NEW.community_code, f.text, NEW.collected_at FROM (
      SELECT 'q10Other' AS field, 3 AS slot, json_extract(NEW.content, '$.answers.q10Other') AS text
      UNION ALL SELECT 'q11Other', 2, json_extract(NEW.content, '$.answers.q11Other')
      UNION ALL SELECT 'q12', 1, json_extract(NEW.content, '$.answers.q12')) f
    WHERE f.text IS NOT NULL AND trim(f.text) <> '';
  INSERT INTO feedback_option_counts (community_code, question, letter, count)
    SELECT NEW.community_code, 'q10', j.value, 1 FROM json_each(NEW.content, '$.answers.q10') j
    UNION ALL
    SELECT NEW.community_code, 'q11', j.value, 1 FROM json_each(NEW.content, '$.answers.q11') j
    WHERE 1
  ON CONFLICT (community_code, question, letter) DO UPDATE SET count = count + 1;
  INSERT INTO feedback_respondents (community_code, count) VALUES (NEW.community_code, 1)
  ON CONFLICT (community_code) DO UPDATE SET count = count + 1;
END;

-- A change to a response in or into the counted set: take out what it had added (when it was
-- counted), then add what it adds now (when it is counted). One trigger, so the two halves run
-- in this order (SQLite does not promise an order between triggers).
CREATE TRIGGER feedback_after_update
AFTER UPDATE OF counted, community_code, content, collected_at, id ON responses
WHEN OLD.counted = 1 OR NEW.counted = 1
BEGIN
  DELETE FROM feedback_texts WHERE id BETWEEN OLD.seq * 4 AND OLD.seq * 4 + 3;
  UPDATE feedback_option_counts SET count = count - (
      SELECT count(*) FROM json_each(OLD.content, '$.answers.' || question) j
      WHERE j.value = letter)
    WHERE OLD.counted = 1 AND community_code = OLD.community_code AND question IN ('q10', 'q11');
  UPDATE feedback_respondents SET count = count - 1
    WHERE OLD.counted = 1 AND community_code = OLD.community_code;
  INSERT INTO feedback_texts (id, field, response_id, community_code, text, collected_at)
    SELECT NEW.seq * 4 + f.slot, f.field, NEW.id, NEW.community_code, f.text, NEW.collected_at FROM (
      SELECT 'q10Other' AS field, 3 AS slot, json_extract(NEW.content, '$.answers.q10Other') AS text
      UNION ALL SELECT 'q11Other', 2, json_extract(NEW.content, '$.answers.q11Other')
      UNION ALL SELECT 'q12', 1, json_extract(NEW.content, '$.answers.q12')) f
    WHERE NEW.counted = 1 AND f.text IS NOT NULL AND trim(f.text) <> '';
  INSERT INTO feedback_option_counts (community_code, question, letter, count)
    SELECT NEW.community_code, 'q10', j.value, 1 FROM json_each(NEW.content, '$.answers.q10') j
    WHERE NEW.counted = 1
    UNION ALL
    SELECT NEW.community_code, 'q11', j.value, 1 FROM json_each(NEW.content, '$.answers.q11') j
    WHERE NEW.counted = 1
  ON CONFLICT (community_code, question, letter) DO UPDATE SET count = count + 1;
  INSERT INTO feedback_respondents (community_code, count)
    SELECT NEW.community_code, 1 WHERE NEW.counted = 1
  ON CONFLICT (community_code) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER feedback_after_delete AFTER DELETE ON responses WHEN OLD.counted = 1
BEGIN
  DELETE FROM feedback_texts WHERE id BETWEEN OLD.seq * 4 AND OLD.seq * 4 + 3;
  UPDATE feedback_option_counts SET count = count - (
      SELECT count(*) FROM json_each(OLD.content, '$.answers.' || question) j
      WHERE j.value = letter)
    WHERE community_code = OLD.community_code AND question IN ('q10', 'q11');
  UPDATE feedback_respondents SET count = count - 1 WHERE community_code = OLD.community_code;
END;
