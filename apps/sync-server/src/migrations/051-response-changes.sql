-- The quality signals are kept between requests and, after responses are stored, brought up to
-- date from the new rows alone (services/kept-flags.ts) instead of re-reading the whole year
-- (2.7 s at 100,000 responses on the first report after every sync). That holds only while no
-- stored response changed: this counter moves with every update or deletion of a response, on
-- every path that makes one (review, recount, area assignment, a salt clearing fingerprints,
-- retention), in the same transaction. Inserts do not touch it: their seq says they are new.
CREATE TABLE response_changes (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  count INTEGER NOT NULL
);
INSERT INTO response_changes (id, count) VALUES (1, 0);

CREATE TRIGGER response_changes_after_update AFTER UPDATE ON responses
BEGIN
  UPDATE response_changes SET count = count + 1 WHERE id = 1;
END;

CREATE TRIGGER response_changes_after_delete AFTER DELETE ON responses
BEGIN
  UPDATE response_changes SET count = count + 1 WHERE id = 1;
END;
