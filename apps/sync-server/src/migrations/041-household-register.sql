-- The household register (户册) of a community, as its 居委会 keeps it: addresses only (no
-- names, phone or ID numbers). A community with a register counts coverage over it: distinct
-- counted households in the register whose status is 居住 ÷ those households. A community
-- without one (no row in household_registers) keeps its typed total and shows 未建户册.
CREATE TABLE household_registers (
  community_code TEXT PRIMARY KEY REFERENCES communities(code) ON DELETE CASCADE,
  imported_at TEXT NOT NULL,
  imported_by TEXT
) WITHOUT ROWID;

CREATE TABLE register_households (
  community_code TEXT NOT NULL REFERENCES household_registers(community_code) ON DELETE CASCADE,
  -- The same key responses are counted by (householdKey of @jiuting/questionnaire).
  household_key TEXT NOT NULL,
  area TEXT NOT NULL,
  road TEXT NOT NULL DEFAULT '',
  lane TEXT NOT NULL DEFAULT '',
  -- 组 + 弄 + 号 as the key prints them (`3组25号`, `100弄12号`): the building of the grid.
  building TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  room TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('居住', '空置', '非住宅')),
  -- 'file' (imported) or 'review' (a 册外 response's address a coordinator added).
  origin TEXT NOT NULL DEFAULT 'file' CHECK (origin IN ('file', 'review')),
  -- Set when a re-import no longer lists a household that already has a response: it is kept
  -- (never orphaned) and flagged for the coordinator, and still counts.
  missing_from_file_at TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (community_code, household_key)
) WITHOUT ROWID;
