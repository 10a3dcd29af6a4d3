import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open.ts';

/** The first moment of a Shanghai year, as the UTC ISO text received_at is stored in. */
function shanghaiYearStart(year: number): string {
  return new Date(Date.UTC(year, 0, 1) - 8 * 60 * 60 * 1000).toISOString();
}

/**
 * The QR fingerprint's secret salt per assessment year. Making a year's salt deletes older
 * salts and clears older fingerprints, so no fingerprint outlives its year. Run twice, the
 * second call finds the salt the first made (INSERT OR IGNORE), so both hash alike.
 */
export function fingerprintSaltsRepository(db: Db) {
  const find = db
    .prepare<[number], string>('SELECT salt FROM fingerprint_salts WHERE year = ?')
    .pluck();
  const insert = db.prepare(
    'INSERT OR IGNORE INTO fingerprint_salts (year, salt, created_at) VALUES (?, ?, ?)',
  );
  const dropOlderSalts = db.prepare('DELETE FROM fingerprint_salts WHERE year < ?');
  const dropOlderFingerprints = db.prepare(
    `UPDATE responses SET client_fingerprint = NULL
     WHERE client_fingerprint IS NOT NULL AND received_at < ?`,
  );
  const make = db.transaction((year: number, at: string): string => {
    insert.run(year, randomBytes(32).toString('hex'), at);
    dropOlderSalts.run(year);
    dropOlderFingerprints.run(shanghaiYearStart(year));
    return find.get(year) as string;
  });

  return {
    saltFor(year: number, at: string): string {
      return (find.get(year) as string | undefined) ?? make(year, at);
    },
  };
}
