-- A new role, department_scorer (部门评分员), tied to one department of 附件2. SQLite cannot
-- change a CHECK constraint in place, so users is rebuilt. The migration runs inside one
-- transaction with foreign keys ON: dropping users cascades to sessions and user_communities,
-- so both are copied aside first and put back; responses and interviews keep their user_id,
-- and the deferred foreign-key check at commit proves every reference is whole again.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE keep_users AS SELECT * FROM users;
CREATE TEMP TABLE keep_sessions AS SELECT * FROM sessions;
CREATE TEMP TABLE keep_user_communities AS SELECT * FROM user_communities;

DROP TABLE users;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL
    CHECK (role IN ('admin', 'coordinator', 'canvasser', 'interviewer', 'department_scorer')),
  password_hash TEXT NOT NULL,
  disabled_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- A department id of @jiuting/scorecard's DEPARTMENTS; set exactly for department scorers.
  department TEXT,
  CHECK ((role = 'department_scorer') = (department IS NOT NULL))
);

INSERT INTO users (id, username, display_name, role, password_hash, disabled_at, created_at,
                   updated_at)
  SELECT id, username, display_name, role, password_hash, disabled_at, created_at, updated_at
  FROM keep_users;
INSERT INTO sessions SELECT * FROM keep_sessions WHERE id NOT IN (SELECT id FROM sessions);
INSERT OR IGNORE INTO user_communities SELECT * FROM keep_user_communities;

DROP TABLE keep_users;
DROP TABLE keep_sessions;
DROP TABLE keep_user_communities;
