import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { integrityOf } from './backup.ts';
import { latestMigrationVersion } from './migrate.ts';

export class RestoreError extends Error {
  override name = 'RestoreError';
}

export interface RestoreResult {
  /** Where the database that was there before now lies (nothing is deleted), if there was one. */
  movedAside: string | undefined;
  schemaVersion: number;
  responses: number;
  interviews: number;
  /** The newest response or interview the server had received when the backup was taken. */
  newestReceivedAt: string | null;
}

function summary(path: string) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) =>
      db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const newest = db
      .prepare(
        'SELECT max(at) FROM (SELECT max(received_at) AS at FROM responses UNION ALL SELECT max(received_at) FROM interviews)',
      )
      .pluck()
      .get() as string | null;
    const version = db.prepare('SELECT max(version) FROM schema_migrations').pluck().get();
    return {
      schemaVersion: Number(version ?? 0),
      responses: count('responses'),
      interviews: count('interviews'),
      newestReceivedAt: newest,
    };
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in the place of the database (the server must be stopped). The backup is
 * checked first (integrity, a schema this code can run); the current database and its WAL are
 * renamed aside with the time, never deleted, so a restore can itself be undone.
 */
export function restoreBackup(options: { backupPath: string; dbPath: string; now?: Date }) {
  const { backupPath, dbPath } = options;
  if (!existsSync(backupPath)) throw new RestoreError(`没有找到备份文件：${backupPath}`);
  let integrity: string;
  try {
    integrity = integrityOf(backupPath);
  } catch (err) {
    throw new RestoreError(`无法读取备份文件 ${backupPath}：${(err as Error).message}`);
  }
  if (integrity !== 'ok') {
    throw new RestoreError(`备份文件已损坏，未恢复（integrity_check：${integrity}）`);
  }
  const before = summary(backupPath);
  if (before.schemaVersion > latestMigrationVersion()) {
    throw new RestoreError(
      `备份来自更新版本的程序（数据库版本 ${before.schemaVersion}，本程序最高 ${latestMigrationVersion()}），请先升级程序再恢复`,
    );
  }

  let movedAside: string | undefined;
  if (existsSync(dbPath)) {
    const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    movedAside = `${dbPath}.before-restore-${stamp}`;
    renameSync(dbPath, movedAside);
    // The WAL and its index go with their database, under names SQLite pairs with it.
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(`${dbPath}${suffix}`))
        renameSync(`${dbPath}${suffix}`, `${movedAside}${suffix}`);
    }
  }
  const partial = `${dbPath}.restoring`;
  copyFileSync(backupPath, partial);
  renameSync(partial, dbPath);
  rmSync(partial, { force: true });
  return { movedAside, ...summary(dbPath) } satisfies RestoreResult;
}
