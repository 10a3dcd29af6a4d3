-- Coordinators list sync conflicts (audit rows written by ingest, in the batch's transaction);
-- this partial index keeps that list from reading the whole audit.
CREATE INDEX audit_sync_conflicts ON audit(id) WHERE action = 'sync_conflict';
