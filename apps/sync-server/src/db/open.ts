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

/**
 * For a connection that stores what requests send: the app's own, and the sync writer's
 * (services/sync-writer.ts). Checkpoints are left to a worker (checkpointer.ts), with a high
 * auto-checkpoint threshold as a fallback should it stop.
 */
export function servingPragmas(db: Db): void {
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  // Each sync item is stored under its own savepoint, and SQLite keeps the pages a savepoint
  // may have to roll back in a statement journal that, past 64 KiB, spills to a temporary file
  // written page by page for every item (~13% of the main thread's time per synced response,
  // profiled). In memory it is a copy. The temporary tables of this connection's own sorts
  // stay in memory too; it reads summaries and pages, while the exports, which read and sort
  // a whole year, use their own read-only connection (exports/export-worker.ts).
  db.pragma('temp_store = MEMORY');
  beginImmediate(db);
}

/**
 * Every `db.transaction()` of this connection begins IMMEDIATE: it takes the write lock at its
 * start, waiting (busy_timeout) while another connection writes. The sync writer stores batches
 * on a connection of its own (services/sync-writer.ts); a DEFERRED transaction here that read
 * first and then wrote would fail at once with SQLITE_BUSY whenever the writer had written in
 * between — SQLite does not wait for a lock it cannot safely upgrade to.
 */
export function beginImmediate(db: Db): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn) => transaction(fn).immediate) as Db['transaction'];
}

export const JOURNAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

/** For the serving connection, whose checkpoints a background worker does (see checkpointer.ts). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000;
