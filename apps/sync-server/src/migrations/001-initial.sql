-- Staff, their communities, device sessions, and what they collect.
-- Times are ISO-8601 UTC strings; ids of collected items are the client's UUIDs.

CREATE TABLE communities (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('导入居', '村改居')),
  total_households INTEGER NOT NULL CHECK (total_households >= 0),
  liaison_leader TEXT NOT NULL DEFAULT '',
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'canvasser', 'interviewer')),
  password_hash TEXT NOT NULL,
  disabled_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE user_communities (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  community_code TEXT NOT NULL REFERENCES communities(code) ON DELETE CASCADE,
  PRIMARY KEY (user_id, community_code)
) WITHOUT ROWID;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- Only the sha256 of the cookie's token: a copy of the database cannot sign anyone in.
  token_hash TEXT NOT NULL UNIQUE,
  user_agent TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

-- seq is the arrival order: the first valid response of a household (lowest seq) is the one counted.
CREATE TABLE responses (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  content TEXT NOT NULL,
  community_code TEXT NOT NULL REFERENCES communities(code),
  household_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  collected_at TEXT NOT NULL,
  collected_day TEXT NOT NULL,
  score INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  user_id TEXT REFERENCES users(id),
  session_id TEXT REFERENCES sessions(id),
  counted INTEGER NOT NULL CHECK (counted IN (0, 1)),
  invalidated_at TEXT,
  invalid_reason TEXT
);
-- At most one counted response per household, whatever the code path that wrote it.
CREATE UNIQUE INDEX responses_one_counted_per_household
  ON responses(community_code, household_key) WHERE counted = 1;
-- Repeats are few, so indexing only them keeps inserts cheap; with the index above it finds
-- every response of a household when a review re-decides which one counts.
CREATE INDEX responses_repeats ON responses(community_code, household_key) WHERE counted = 0;
-- Coverage reads only these indexes (partial: invalidated responses are out of every count).
-- received_at right after the community: new rows append at 27 places, not at thousands.
CREATE INDEX responses_coverage ON responses(community_code, received_at, counted, score)
  WHERE invalidated_at IS NULL;
CREATE INDEX responses_collector ON responses(user_id, collected_day, counted)
  WHERE invalidated_at IS NULL;

CREATE TABLE interviews (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  content TEXT NOT NULL,
  community_code TEXT NOT NULL REFERENCES communities(code),
  interview_group TEXT NOT NULL,
  method TEXT NOT NULL,
  view TEXT NOT NULL,
  interview_date TEXT NOT NULL,
  collected_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  user_id TEXT REFERENCES users(id),
  session_id TEXT REFERENCES sessions(id),
  invalidated_at TEXT,
  invalid_reason TEXT
);
CREATE INDEX interviews_coverage ON interviews(community_code, interview_group, view, received_at)
  WHERE invalidated_at IS NULL;
CREATE INDEX interviews_collector ON interviews(user_id, interview_date)
  WHERE invalidated_at IS NULL;
