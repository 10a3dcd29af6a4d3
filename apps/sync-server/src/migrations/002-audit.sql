-- Who did what to accounts, sessions and data: logins, failed logins, revocations, role and
-- assignment changes, imports and exports. Never answers or addresses.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_user_id TEXT,
  action TEXT NOT NULL,
  target TEXT,
  ip TEXT,
  detail TEXT
);
CREATE INDEX audit_at ON audit(at);
