-- A loaded outbox file used to credit its items to the coordinator who loaded it, while the
-- exports named the canvasser in the file: coverage and review disagreed with the exports. Files
-- are now credited to the collector they name; items loaded before are moved to that collector
-- where the name is an account (the coverage_daily triggers of 004 follow the change). Items
-- whose file named no account stay with whoever loaded them, as all three reports now say.
UPDATE responses
SET user_id = (SELECT u.id FROM users u WHERE u.username = responses.exported_by)
WHERE source = 'outbox'
  AND exported_by IN (SELECT username FROM users);

UPDATE interviews
SET user_id = (SELECT u.id FROM users u WHERE u.username = interviews.exported_by)
WHERE source = 'outbox'
  AND exported_by IN (SELECT username FROM users);
