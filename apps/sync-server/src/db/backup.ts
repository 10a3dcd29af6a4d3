import { copyFileSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './open.ts';
import { makePrivateDir, makePrivateFile } from './private-files.ts';

export interface BackupOptions {
  /** Where copies are kept, e.g. `<DATA_DIR>/backups`. */
  dir: string;
  /** How many copies to keep in `dir` and `copyDir`; all when absent. */
  keep?: number;
  /** A second disk or mounted host path that receives each checked copy too. */
  copyDir?: string;
  now?: Date;
  /** Added to the file name, e.g. `before-028` for the copy taken before a migration. */
  label?: string;
}

export interface BackupResult {
  path: string;
  copy: string | undefined;
  /** Older copies deleted to keep `keep`. */
  removed: string[];
}

/** A backup copy's name: its time (sortable) and an optional label. */
const BACKUP_NAME = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(-[a-z0-9-]+)?\.db$/;

export function backupFileName(now: Date, label?: string): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}${label ? `-${label}` : ''}.db`;
}

/** `ok`, or what SQLite's integrity check found wrong (first lines). */
export function integrityOf(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    return rows
      .slice(0, 5)
      .map((r) => r.integrity_check)
      .join('; ');
  } finally {
    db.close();
  }
}

/** Deletes all but the newest `keep` backups in `dir`; touches no other file. */
export function pruneBackups(dir: string, keep: number): string[] {
  const names = readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort();
  const removed = names.slice(0, Math.max(0, names.length - keep)).map((n) => join(dir, n));
  for (const path of removed) rmSync(path, { force: true });
  return removed;
}

/**
 * Deletes the backups taken before `before` (by the time in their names) in `dir`; touches no
 * other file. Retention uses it: a copy taken before raw answers were deleted still holds them.
 */
export function pruneBackupsBefore(dir: string, before: Date): string[] {
  if (!existsSync(dir)) return [];
  const cutoff = backupFileName(before).slice(0, 24);
  const removed = readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name) && name.slice(0, 24) < cutoff)
    .sort()
    .map((n) => join(dir, n));
  for (const path of removed) rmSync(path, { force: true });
  return removed;
}

/**
 * A consistent copy of the live database while the server keeps writing. The copy is taken in
 * one step (a read transaction: one moment, whatever is written meanwhile; SQLite's page-by-page
 * backup would start over at every write), turned into a single self-contained file, checked
 * with PRAGMA integrity_check, and only then given its final name: a file named like a backup
 * has passed the check. Then copied to `copyDir` and old copies pruned.
 */
export async function takeBackup(db: Db, options: BackupOptions): Promise<BackupResult> {
  const now = options.now ?? new Date();
  makePrivateDir(options.dir);
  const name = backupFileName(now, options.label);
  const target = join(options.dir, name);
  const partial = `${target}.partial`;
  try {
    // Created owner-only before SQLite writes the copy into it (it keeps an existing file's mode;
    // the rename and the second copy keep it too).
    makePrivateFile(partial);
    await db.backup(partial, { progress: () => 0x7fffffff });
    const copy = new Database(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const integrity = integrityOf(partial);
    if (integrity !== 'ok') throw new Error(`备份文件校验失败（integrity_check：${integrity}）`);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }

  let copy: string | undefined;
  if (options.copyDir) {
    makePrivateDir(options.copyDir);
    copy = join(options.copyDir, basename(target));
    copyFileSync(target, `${copy}.partial`);
    renameSync(`${copy}.partial`, copy);
  }
  const removed =
    options.keep === undefined
      ? []
      : [
          ...pruneBackups(options.dir, options.keep),
          ...(options.copyDir ? pruneBackups(options.copyDir, options.keep) : []),
        ];
  return { path: target, copy, removed };
}
