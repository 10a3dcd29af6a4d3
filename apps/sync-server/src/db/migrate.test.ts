import { rmSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { CLIENT_HEADERS, sampleSurvey, TEST_SCRYPT_COST, tempDbPath } from '../testing.ts';
import { loadMigrations, migrate, schemaVersion } from './migrate.ts';
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
    expect(app.repos.coverage.responseTotals()).toEqual([
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
