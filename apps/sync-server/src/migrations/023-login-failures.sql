-- Failed logins are counted from the audit, per account and per address, so a lockout outlives
-- a restart; these partial indexes keep each count to a short range scan.
CREATE INDEX audit_login_failed_by_user ON audit(actor_user_id, at) WHERE action = 'login_failed';
CREATE INDEX audit_login_failed_by_ip ON audit(ip, at) WHERE action = 'login_failed';

-- The typed username used to be kept as the target of a failed login; people sometimes type
-- their password there.
UPDATE audit SET target = NULL WHERE action = 'login_failed';
