-- One row that /api/health rewrites (at most every few seconds) to prove the database and its
-- disk still take writes; it holds nothing else.
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at TEXT NOT NULL
);
