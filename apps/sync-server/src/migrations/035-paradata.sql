-- Quality signals (issue 15, section 3): how each response was filled, as its phone reported it
-- (paradata, also kept inside content), and for a resident's QR answer a coarse fingerprint:
-- a salted hash of the network (/24, or /48 for IPv6) and the browser, never an address itself.
-- All NULL for responses stored before, and for responses whose phone sent no paradata.
ALTER TABLE responses ADD COLUMN started_at TEXT;
ALTER TABLE responses ADD COLUMN answer_changes INTEGER;
ALTER TABLE responses ADD COLUMN client_fingerprint TEXT;

-- The fingerprint's secret salt, one per assessment year (the Shanghai year it was received).
-- When a year's salt is made, older salts and older fingerprints are deleted: a fingerprint
-- links answers within its year only.
CREATE TABLE fingerprint_salts (
  year INTEGER PRIMARY KEY,
  salt TEXT NOT NULL,
  created_at TEXT NOT NULL
);
