-- Visit outcomes (不在家 / 拒访 / 空置): what a canvasser found at a door when no survey was
-- filled. Sync items of their own kind (client-made ids, idempotent like responses); they never
-- count toward coverage. Addresses only: no free text, nothing about a person.
CREATE TABLE visits (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  content TEXT NOT NULL,
  community_code TEXT NOT NULL REFERENCES communities(code),
  -- The same key responses and the register use (householdKey of @jiuting/questionnaire).
  household_key TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('not_home', 'refused', 'vacant')),
  collected_at TEXT NOT NULL,
  collected_day TEXT NOT NULL,
  -- Provisional: the Shanghai calendar year of collected_at (see assessmentYearOfVisit).
  assessment_year INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  user_id TEXT REFERENCES users(id),
  session_id TEXT REFERENCES sessions(id),
  source TEXT NOT NULL CHECK (source IN ('sync', 'outbox')),
  exported_by TEXT
);
-- A household's latest outcome (the visit list) and a community's counts (the dashboard).
CREATE INDEX visits_household ON visits(community_code, household_key, collected_at);
CREATE INDEX visits_collector ON visits(user_id, outcome);
