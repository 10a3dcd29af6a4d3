-- Bonus and deduction entries a department proposes with its evidence; a coordinator accepts
-- (the entry joins the community's bonus or deductions) or refuses it, with a reason either way.
CREATE TABLE assessment_proposals (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL REFERENCES assessment_years(year),
  community_code TEXT NOT NULL REFERENCES communities(code),
  kind TEXT NOT NULL CHECK (kind IN ('honour', 'case', 'deduction')),
  -- JSON: the Honour, SelfGovernanceCase or DeductionCase proposed.
  entry TEXT NOT NULL,
  evidence TEXT NOT NULL,
  department TEXT NOT NULL,
  proposed_by TEXT NOT NULL REFERENCES users(id),
  proposed_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'accepted', 'refused')),
  decided_by TEXT REFERENCES users(id),
  decided_at TEXT,
  decision_reason TEXT,
  CHECK ((state = 'proposed') = (decided_at IS NULL))
);
CREATE INDEX assessment_proposals_year ON assessment_proposals(year, state, id);
