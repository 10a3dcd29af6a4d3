import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './open.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * Why the database cannot be used by this code as it stands; the server refuses to start and
 * says so in one line instead of running against a schema it does not know.
 */
export class SchemaError extends Error {
  override name = 'SchemaError';
}

/** Line endings normalised, so a checkout with CRLF is not an "edited" migration. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export function latestMigrationVersion(): number {
  return Math.max(0, ...loadMigrations().map((m) => m.version));
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .map((file) => /^(\d{3})-([a-z0-9-]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      version: Number(m[1]),
      name: m[2] ?? '',
      sql: readFileSync(`${dir}/${m[0]}`, 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
}

/** Versions this database still needs, without changing it (for the backup taken first). */
export function pendingMigrations(db: Db, options: { upTo?: number } = {}): Migration[] {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  const applied = new Set(
    exists
      ? db
          .prepare('SELECT version FROM schema_migrations')
          .pluck()
          .all()
          .map((v) => Number(v))
      : [],
  );
  return loadMigrations().filter(
    (m) => !applied.has(m.version) && (options.upTo === undefined || m.version <= options.upTo),
  );
}

/**
 * Applies, in order, every migration newer than the database, each in its own transaction with
 * its record (and the file's checksum), so a crash mid-upgrade leaves the database at the last
 * complete version. Refuses (SchemaError) a database that a newer release has migrated, and one
 * whose applied migration files have since been edited: either way this code does not know the
 * schema it would run on. `upTo` exists for tests that need a database as an older release left it.
 */
export function migrate(db: Db, options: { upTo?: number } = {}): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  // Releases before checksums were kept: the column is added here, not by a numbered
  // migration, because it is how numbered migrations are checked.
  const columns = db
    .prepare("SELECT name FROM pragma_table_info('schema_migrations')")
    .pluck()
    .all();
  if (!columns.includes('checksum'))
    db.exec('ALTER TABLE schema_migrations ADD COLUMN checksum TEXT');

  const migrations = loadMigrations();
  const known = new Map(migrations.map((m) => [m.version, m]));
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as { version: number; name: string; checksum: string | null }[];
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  const unknown = applied.filter((row) => !known.has(row.version));
  if (unknown.length > 0) {
    throw new SchemaError(
      `数据库版本比程序新（数据库已应用 ${unknown.map((r) => `${String(r.version).padStart(3, '0')}-${r.name}`).join('、')}，本程序最高 ${String(latest).padStart(3, '0')}）：请运行更新版本的程序，或从与本程序匹配的备份恢复`,
    );
  }
  const fillChecksum = db.prepare('UPDATE schema_migrations SET checksum = ? WHERE version = ?');
  for (const row of applied) {
    const migration = known.get(row.version) as Migration;
    const checksum = migrationChecksum(migration.sql);
    if (row.checksum === null) {
      fillChecksum.run(checksum, row.version);
    } else if (row.checksum !== checksum) {
      throw new SchemaError(
        `迁移文件 ${String(row.version).padStart(3, '0')}-${migration.name}.sql 在应用到数据库之后被修改过：已应用的迁移不能再改，请恢复该文件，把改动写成新的迁移`,
      );
    }
  }

  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (?, ?, ?, ?)',
  );
  const done: number[] = [];
  for (const migration of pendingMigrations(db, options)) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(
        migration.version,
        migration.name,
        new Date().toISOString(),
        migrationChecksum(migration.sql),
      );
    })();
    done.push(migration.version);
  }
  return done;
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as {
    v: number | null;
  };
  return row.v ?? 0;
}
