-- Coordinator review: who marked a response or an interview invalid (the audit table keeps the
-- full history of marks and restores; these columns say the current state at a glance).
ALTER TABLE responses ADD COLUMN invalidated_by TEXT REFERENCES users(id);
ALTER TABLE interviews ADD COLUMN invalidated_by TEXT REFERENCES users(id);
