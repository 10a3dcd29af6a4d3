import { rmSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { tempDbPath } from '../testing.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function upgraded() {
  const { dir, dbPath } = tempDbPath();
  dirs.push(dir);
  const db = openDatabase(dbPath);
  migrate(db, { upTo: 35 });
  db.prepare(
    `INSERT INTO communities (code, name, type, total_households, created_at, updated_at)
     VALUES ('C1', '示例', '导入居', 100, 't', 't')`,
  ).run();
  db.prepare(
    `INSERT INTO responses (id, content_hash, content, community_code, household_key, channel,
       collected_at, collected_day, score, received_at, counted)
     VALUES ('r1', 'h', '{}', 'C1', '12号301室', 'door', 't', '2025-11-20', 90, 't', 1)`,
  ).run();
  migrate(db);
  return db;
}

const addVisit = (outcome: string, source = 'sync') => `
  INSERT INTO visits (id, content_hash, content, community_code, household_key, outcome,
    collected_at, collected_day, assessment_year, received_at, source)
  VALUES ('v-${outcome}-${source}', 'h', '{}', 'C1', '12号302室', '${outcome}',
    '2025-11-20T10:00:00+08:00', '2025-11-20', 2025, 't', '${source}')`;

it('adds the visits table beside the responses, which are left as they were', () => {
  const db = upgraded();
  try {
    db.prepare(addVisit('not_home')).run();
    expect(db.prepare('SELECT id, counted FROM responses').all()).toEqual([
      { id: 'r1', counted: 1 },
    ]);
    expect(db.prepare('SELECT outcome, assessment_year FROM visits').all()).toEqual([
      { outcome: 'not_home', assessment_year: 2025 },
    ]);
  } finally {
    db.close();
  }
});

it('refuses an outcome or a source the protocol does not have', () => {
  const db = upgraded();
  try {
    expect(() => db.prepare(addVisit('moved')).run()).toThrow(/CHECK/);
    expect(() => db.prepare(addVisit('refused', 'qr')).run()).toThrow(/CHECK/);
  } finally {
    db.close();
  }
});

it('keeps one sample per community, its households ranked, gone with the sample', () => {
  const db = upgraded();
  try {
    db.prepare(
      `INSERT INTO community_samples (community_code, seed, drawn_at, frame, size, reserve_size)
       VALUES ('C1', 7, 't', 10, 3, 1)`,
    ).run();
    const add = db.prepare(
      `INSERT INTO sample_households (community_code, household_key, list, rank)
       VALUES ('C1', ?, ?, ?)`,
    );
    add.run('12号301室', 'sample', 1);
    expect(() => add.run('12号302室', 'spare', 1)).toThrow(/CHECK/);
    expect(() => add.run('12号301室', 'reserve', 1)).toThrow(/UNIQUE|PRIMARY/);
    db.prepare("DELETE FROM community_samples WHERE community_code = 'C1'").run();
    expect(db.prepare('SELECT count(*) FROM sample_households').pluck().get()).toBe(0);
  } finally {
    db.close();
  }
});
