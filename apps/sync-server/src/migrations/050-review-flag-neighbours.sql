-- A review page's quality flags read the responses of its collectors and QR fingerprints on the
-- days around each listed one (repositories/quality.ts, responsesAround). With an OR over the
-- two that no index served, every page scanned the table (~0.4 s at 100,000 responses). With
-- these, each branch of the lookup is an index range per listed response. Invalidated responses
-- are in both (a burst happened whatever a coordinator decided later). Each is partial, so a
-- response pays for one of them at ingest: collected by someone, or a QR answer with a
-- fingerprint.
CREATE INDEX responses_collector_day ON responses(user_id, collected_day)
  WHERE user_id IS NOT NULL;
CREATE INDEX responses_fingerprint_day ON responses(client_fingerprint, collected_day)
  WHERE client_fingerprint IS NOT NULL;
