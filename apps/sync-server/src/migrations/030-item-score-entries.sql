-- Each department keeps its own entry for an item (who, when, points, basis); the item's score
-- row is only what the lead confirmed, with the rule that combined the entries. Before this a
-- later department's save replaced an earlier one's, confirmation included.
CREATE TABLE assessment_item_entries (
  year INTEGER NOT NULL REFERENCES assessment_years(year),
  community_code TEXT NOT NULL REFERENCES communities(code),
  item_id TEXT NOT NULL,
  department TEXT NOT NULL,
  points REAL NOT NULL,
  basis TEXT NOT NULL,
  entered_by TEXT NOT NULL REFERENCES users(id),
  entered_at TEXT NOT NULL,
  PRIMARY KEY (year, community_code, item_id, department)
) WITHOUT ROWID;

-- The last saved figure of each item is the only entry the old table kept: it becomes the
-- entry of the department that saved it.
INSERT INTO assessment_item_entries (year, community_code, item_id, department, points, basis,
  entered_by, entered_at)
SELECT year, community_code, item_id, department, points, basis, entered_by, entered_at
FROM assessment_item_scores;

-- An unconfirmed row was an entry, not a score: it now lives in the entries alone.
DELETE FROM assessment_item_scores WHERE confirmed_at IS NULL;

-- How the confirmed figure follows from the entries ('lead' or 'mean', @jiuting/scorecard).
ALTER TABLE assessment_item_scores ADD COLUMN combination_rule TEXT NOT NULL DEFAULT 'lead';
