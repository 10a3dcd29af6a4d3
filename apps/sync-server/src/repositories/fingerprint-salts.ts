import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open.ts';

/**
 * The QR fingerprint's secret salt per assessment year (not per calendar year: answers of one
 * round of the assessment compare with each other whether they came in December or January).
 * Making a year's salt deletes older salts and clears the fingerprints of older years' responses,
 * so no fingerprint outlives its year. Run twice, the second call finds the salt the first made
 * (INSERT OR IGNORE), so both hash alike.
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
     WHERE client_fingerprint IS NOT NULL AND assessment_year < ?`,
  );
  const make = db.transaction((year: number, at: string): string => {
    insert.run(year, randomBytes(32).toString('hex'), at);
    dropOlderSalts.run(year);
    dropOlderFingerprints.run(year);
    return find.get(year) as string;
  });

  return {
    saltFor(year: number, at: string): string {
      return (find.get(year) as string | undefined) ?? make(year, at);
    },
  };
}
