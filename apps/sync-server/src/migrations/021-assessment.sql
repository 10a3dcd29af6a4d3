-- The comprehensive assessment (附件2), one per year: department scores, a coordinator's
-- honours, deductions and satisfaction override per community, the 12345 hotline figures, and
-- an audit trail of every change before the year is locked. Points are REAL in 0.5 steps (the
-- scorecard package checks them); bonus, deductions and overrides are the package's JSON inputs.

CREATE TABLE assessment_years (
  year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  state TEXT NOT NULL CHECK (state IN ('open', 'locked')),
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES users(id),
  locked_at TEXT,
  locked_by TEXT REFERENCES users(id),
  lock_note TEXT,
  -- What the survey gave each community at the moment of locking, so later syncs change nothing:
  -- JSON [{ code, name, type, computed }].
  locked_snapshot TEXT,
  CHECK ((state = 'locked') = (locked_at IS NOT NULL))
);

CREATE TABLE assessment_item_scores (
  year INTEGER NOT NULL REFERENCES assessment_years(year),
  community_code TEXT NOT NULL REFERENCES communities(code),
  item_id TEXT NOT NULL,
  points REAL NOT NULL,
  basis TEXT NOT NULL,
  department TEXT NOT NULL,
  entered_by TEXT NOT NULL REFERENCES users(id),
  entered_at TEXT NOT NULL,
  confirmed_by TEXT REFERENCES users(id),
  confirmed_at TEXT,
  PRIMARY KEY (year, community_code, item_id)
) WITHOUT ROWID;

CREATE TABLE assessment_adjustments (
  year INTEGER NOT NULL REFERENCES assessment_years(year),
  community_code TEXT NOT NULL REFERENCES communities(code),
  -- JSON BonusInput { honours, cases }, DeductionCase[], SatisfactionOverride or NULL.
  bonus TEXT NOT NULL DEFAULT '{"honours":[],"cases":[]}',
  deductions TEXT NOT NULL DEFAULT '[]',
  satisfaction_override TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (year, community_code)
) WITHOUT ROWID;

CREATE TABLE assessment_hotline (
  year INTEGER NOT NULL REFERENCES assessment_years(year),
  community_code TEXT NOT NULL REFERENCES communities(code),
  orders_this_year INTEGER NOT NULL CHECK (orders_this_year >= 0),
  orders_last_year INTEGER NOT NULL CHECK (orders_last_year >= 0),
  -- Percent, 0–100.
  satisfaction_rate REAL NOT NULL CHECK (satisfaction_rate BETWEEN 0 AND 100),
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (year, community_code)
) WITHOUT ROWID;

-- Who changed what, when, from what to what, and why. Values are JSON.
CREATE TABLE assessment_audit (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL REFERENCES assessment_years(year),
  at TEXT NOT NULL,
  actor_user_id TEXT NOT NULL REFERENCES users(id),
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  community_code TEXT,
  item_id TEXT,
  old_value TEXT,
  new_value TEXT,
  reason TEXT
);
CREATE INDEX assessment_audit_year ON assessment_audit(year, id);
