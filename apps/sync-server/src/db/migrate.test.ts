import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sampleSurvey } from '@jiuting/questionnaire/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { CLIENT_HEADERS, TEST_SCRYPT_COST, tempDbPath } from '../testing.ts';
import { loadMigrations, migrate, SchemaError, schemaVersion } from './migrate.ts';
import { openDatabase } from './open.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('upgrades a database left at migration 001 with its data intact and the new features working', async () => {
  const { dir, dbPath } = tempDbPath();
  dirs.push(dir);
  // A database as the first release left it: one community, one admin, one stored response.
  const old = openDatabase(dbPath);
  migrate(old, { upTo: 1 });
  expect(schemaVersion(old)).toBe(1);
  const at = '2025-11-20T02:00:00.000Z';
  old
    .prepare(
      `INSERT INTO communities (code, name, type, total_households, liaison_leader, created_at, updated_at)
       VALUES ('OLD01', '旧居民区', '村改居', 400, '老领导', ?, ?)`,
    )
    .run(at, at);
  old
    .prepare(
      `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
       VALUES ('u1', 'admin', '管理员', 'admin', 'scrypt$1024$8$1$AAAA$AAAA', ?, ?)`,
    )
    .run(at, at);
  old
    .prepare(
      `INSERT INTO responses (id, content_hash, content, community_code, household_key, channel,
         collected_at, collected_day, score, received_at, user_id, counted)
       VALUES ('11111111-1111-4111-8111-111111111111', 'h', '{}', 'OLD01', '1号101室', 'door',
         '2025-11-20T10:00:00+08:00', '2025-11-20', 80, ?, 'u1', 1)`,
    )
    .run(at);
  old.close();

  const app = await buildApp({ dbPath, logger: false, scryptCost: TEST_SCRYPT_COST });
  try {
    expect(schemaVersion(app.db)).toBe(Math.max(...loadMigrations().map((m) => m.version)));
    // Nothing was seeded over the existing data: no demo communities, no second admin.
    expect(app.bootstrapReport).toEqual({ adminCreated: false, demoCommunitiesLoaded: 0 });
    expect(app.repos.communities.list().map((c) => c.code)).toEqual(['OLD01']);
    const row = app.db.prepare('SELECT * FROM responses').get() as Record<string, unknown>;
    expect(row).toMatchObject({ community_code: 'OLD01', score: 80, counted: 1, source: 'sync' });
    // Migration 004 summarised the old response into coverage.
    expect(app.repos.coverage.responseTotals(2025)).toEqual([
      { code: 'OLD01', responses: 1, counted: 1, scoreSum: 80, lastReceivedAt: at },
    ]);
    // Migration 003 gave the old community a QR link that works.
    const token = app.repos.communities.get('OLD01')?.qrToken;
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const res = await app.inject({
      method: 'POST',
      url: `/api/public/q/${token}/responses`,
      headers: CLIENT_HEADERS,
      payload: sampleSurvey({
        communityCode: 'OLD01',
        channel: 'qr',
        householdAddress: '1号101室',
      }),
    });
    expect(res.json()).toMatchObject({ status: 'accepted' });
    // The old key (no area, so 未分区) still finds the household: the QR answer is its repeat.
    const rows = app.db
      .prepare('SELECT channel, counted, household_area FROM responses ORDER BY seq')
      .all();
    expect(rows).toEqual([
      { channel: 'door', counted: 1, household_area: '未分区' },
      { channel: 'qr', counted: 0, household_area: '未分区' },
    ]);
  } finally {
    await app.close();
  }
});

it('applies nothing twice: a second migrate on an up-to-date database is a no-op', () => {
  const { dir, dbPath } = tempDbPath();
  dirs.push(dir);
  const db = openDatabase(dbPath);
  expect(migrate(db).length).toBe(loadMigrations().length);
  expect(migrate(db)).toEqual([]);
  db.close();
});

it('opens the database with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
  const { dir, dbPath } = tempDbPath();
  dirs.push(dir);
  const db = openDatabase(dbPath);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('synchronous', { simple: true })).toBe(2);
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  db.close();
});

describe('a database this code must not run on', () => {
  function databaseAt(version?: number) {
    const { dir, dbPath } = tempDbPath();
    dirs.push(dir);
    const db = openDatabase(dbPath);
    migrate(db, version === undefined ? {} : { upTo: version });
    return { db, dbPath, dir };
  }
  const start = (dbPath: string) =>
    buildApp({ dbPath, logger: false, scryptCost: TEST_SCRYPT_COST, seedDemoCommunities: false });

  it('refuses a database a newer release has migrated, naming its version', async () => {
    const { db, dbPath } = databaseAt();
    db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from-the-future', 'x')",
    ).run();
    db.close();
    await expect(start(dbPath)).rejects.toThrow(
      /^数据库版本比程序新（数据库已应用 999-from-the-future，本程序最高 \d{3}）/,
    );
    expect(() => migrate(openDatabase(dbPath))).toThrow(SchemaError);
  });

  it('refuses a database whose applied migration file has since been edited', async () => {
    const { db, dbPath } = databaseAt();
    db.prepare("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 2").run();
    db.close();
    await expect(start(dbPath)).rejects.toThrow(
      /^迁移文件 002-audit\.sql 在应用到数据库之后被修改过/,
    );
  });

  it('records checksums for a database from before they were kept, and starts', async () => {
    const { db, dbPath } = databaseAt();
    db.exec('ALTER TABLE schema_migrations DROP COLUMN checksum');
    db.close();
    const app = await start(dbPath);
    try {
      const sums = app.db.prepare('SELECT checksum FROM schema_migrations').pluck().all();
      expect(sums.every((s) => typeof s === 'string' && s.length === 64)).toBe(true);
    } finally {
      await app.close();
    }
  });
});

it('backs the database up before applying a migration to it, and not a new one', async () => {
  const { dir, dbPath } = tempDbPath();
  dirs.push(dir);
  const old = openDatabase(dbPath);
  migrate(old, { upTo: 21 });
  old.close();
  const app = await buildApp({ dbPath, logger: false, scryptCost: TEST_SCRYPT_COST });
  await app.close();
  const backups = readdirSync(join(dir, 'backups'));
  expect(backups).toHaveLength(1);
  expect(backups[0]).toMatch(/^\d{4}-.*Z-before-022\.db$/);
  const copy = openDatabase(join(dir, 'backups', backups[0] as string));
  expect(schemaVersion(copy)).toBe(21);
  copy.close();

  // A new database has nothing to lose: no copy.
  const fresh = tempDbPath();
  dirs.push(fresh.dir);
  const first = await buildApp({
    dbPath: fresh.dbPath,
    logger: false,
    scryptCost: TEST_SCRYPT_COST,
  });
  await first.close();
  expect(existsSync(join(fresh.dir, 'backups'))).toBe(false);
});
