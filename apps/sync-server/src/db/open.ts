import Database from 'better-sqlite3';
import { makePrivateFile, restrictIfPresent } from './private-files.ts';

export type Db = Database.Database;

/**
 * Opens the database the way every part of the server (and the backup and import scripts) must:
 * the phone deletes its copy once we ack, so a commit has to reach the disk before we answer
 * (WAL + synchronous=FULL survives a power cut, not only a crash).
 */
export function openDatabase(path: string): Db {
  // SQLite gives the -wal and -shm files the main file's mode, so a 0600 database keeps them
  // 0600 too; ones left by an older, world-readable install are narrowed here.
  makePrivateFile(path);
  const db = new Database(path);
  applyPragmas(db);
  for (const suffix of ['-wal', '-shm', '-journal']) restrictIfPresent(`${path}${suffix}`);
  return db;
}

export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Index pages of 100,000 responses stay in memory (the default cache is 2 MB).
  db.pragma('cache_size = -65536');
  // Each time the WAL starts over (after a complete checkpoint) its file is cut back to this,
  // instead of staying as large as the biggest burst ever made it.
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
}

export const JOURNAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

/** For the serving connection, whose checkpoints a background worker does (see checkpointer.ts). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000;
