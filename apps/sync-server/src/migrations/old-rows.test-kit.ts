import { migrate } from '../db/migrate.ts';
import type { Db } from '../db/open.ts';
import { withMigratedDb } from '../testing.ts';

// Rows as schema version 35 stored them (before visits and samples), for the migrations after it.

/** Community C1 and one counted door response, r1 at 12号301室. */
export function storeCommunityAndResponse(db: Db): void {
  db.prepare(
    `INSERT INTO communities (code, name, type, total_households, created_at, updated_at)
     VALUES ('C1', '示例', '导入居', 100, 't', 't')`,
  ).run();
  db.prepare(
    `INSERT INTO responses (id, content_hash, content, community_code, household_key, channel,
       collected_at, collected_day, score, received_at, counted)
     VALUES ('r1', 'h', '{}', 'C1', '12号301室', 'door', 't', '2025-11-20', 90, 't', 1)`,
  ).run();
}

/** A database of version 35 holding those rows, migrated to the latest, for `check`. */
export function upgradedFrom35(check: (db: Db) => void): Promise<void> {
  return withMigratedDb(35, (db) => {
    storeCommunityAndResponse(db);
    migrate(db);
    check(db);
  });
}
