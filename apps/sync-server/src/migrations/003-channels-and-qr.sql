-- The public QR link per community, and where each item came from: a phone's sync, a resident's
-- QR page, or an outbox file a coordinator loaded (with the file's exportedBy).
ALTER TABLE communities ADD COLUMN qr_token TEXT;
UPDATE communities SET qr_token = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX communities_qr_token ON communities(qr_token);

ALTER TABLE responses ADD COLUMN source TEXT NOT NULL DEFAULT 'sync';
ALTER TABLE responses ADD COLUMN exported_by TEXT;
ALTER TABLE interviews ADD COLUMN source TEXT NOT NULL DEFAULT 'sync';
ALTER TABLE interviews ADD COLUMN exported_by TEXT;
