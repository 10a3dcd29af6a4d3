-- A coordinator's random sample of a community's register (issue 11 §3): which households the
-- canvassers visit first, and a ranked reserve for refusals and vacancies. One draw per
-- community; a redraw replaces it (both audited with their seed, which reproduces the draw).
CREATE TABLE community_samples (
  community_code TEXT PRIMARY KEY REFERENCES communities(code) ON DELETE CASCADE,
  seed INTEGER NOT NULL,
  drawn_at TEXT NOT NULL,
  drawn_by TEXT REFERENCES users(id),
  -- 居住 households in the register when it was drawn (the frame), the sample and the reserve.
  frame INTEGER NOT NULL,
  size INTEGER NOT NULL,
  reserve_size INTEGER NOT NULL
) WITHOUT ROWID;

-- Keyed by household key, not tied to register_households: a re-import that drops a household
-- leaves its sample row behind, and the visit list (which starts from the register) skips it.
CREATE TABLE sample_households (
  community_code TEXT NOT NULL REFERENCES community_samples(community_code) ON DELETE CASCADE,
  household_key TEXT NOT NULL,
  list TEXT NOT NULL CHECK (list IN ('sample', 'reserve')),
  rank INTEGER NOT NULL CHECK (rank >= 1),
  PRIMARY KEY (community_code, household_key)
) WITHOUT ROWID;
