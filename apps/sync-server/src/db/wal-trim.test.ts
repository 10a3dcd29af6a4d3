import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { tempDbPath } from '../testing.ts';
import { JOURNAL_SIZE_LIMIT_BYTES, openDatabase } from './open.ts';
import { startWalTrim } from './wal-trim.ts';

const waitUntil = async (done: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  return done();
};

function burstInto(dbPath: string) {
  const db = openDatabase(dbPath);
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 6_000; i += 1) insert.run('x'.repeat(1000));
  })();
  return { db, insert };
}

it('empties the WAL file once the server has gone quiet after a burst, with no further write', async () => {
  const { dbPath } = tempDbPath();
  const { db } = burstInto(dbPath);
  const wal = () => statSync(`${dbPath}-wal`).size;
  expect(wal()).toBeGreaterThan(JOURNAL_SIZE_LIMIT_BYTES);
  const trim = startWalTrim(db, { checkMs: 20 });
  try {
    expect(await waitUntil(() => wal() === 0, 5000)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(6_000);
    // The connection still writes and reads as before.
    db.prepare('INSERT INTO t VALUES (?)').run('after');
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(6_001);
  } finally {
    trim.stop();
    db.close();
  }
});

it('never waits for a reader: the WAL stays while an export reads, and goes once it is done', async () => {
  const { dbPath } = tempDbPath();
  const { db, insert } = burstInto(dbPath);
  const reader = new Database(dbPath, { readonly: true });
  const read = reader.prepare('SELECT count(*) FROM t').pluck();
  reader.exec('BEGIN');
  expect(read.get()).toBe(6_000);
  const wal = () => statSync(`${dbPath}-wal`).size;
  const trim = startWalTrim(db, { checkMs: 20 });
  try {
    await new Promise((r) => setTimeout(r, 200));
    // The reader's snapshot is intact, and the serving connection was never held up.
    expect(wal()).toBeGreaterThan(0);
    insert.run('during the read');
    expect(read.get()).toBe(6_000);
    reader.exec('COMMIT');
    expect(await waitUntil(() => wal() === 0, 5000)).toBe(true);
    expect(read.get()).toBe(6_001);
  } finally {
    trim.stop();
    reader.close();
    db.close();
  }
});

it('counts the sync writer’s commits as activity: no trim while another connection writes', async () => {
  const { dbPath } = tempDbPath();
  const { db } = burstInto(dbPath);
  // The writer thread's connection (services/sync-writer.ts); the app's own writes nothing.
  const writer = openDatabase(dbPath);
  writer.pragma('wal_autocheckpoint = 0');
  const write = writer.prepare('INSERT INTO t VALUES (?)');
  const wal = () => statSync(`${dbPath}-wal`).size;
  const trim = startWalTrim(db, { checkMs: 20 });
  try {
    let smallest = wal();
    const until = Date.now() + 300;
    while (Date.now() < until) {
      write.run('from the writer');
      smallest = Math.min(smallest, wal());
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(smallest).toBeGreaterThan(JOURNAL_SIZE_LIMIT_BYTES);
    // Quiet again: trimmed, with every row in place.
    expect(await waitUntil(() => wal() === 0, 5000)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBeGreaterThan(6_000);
  } finally {
    trim.stop();
    writer.close();
    db.close();
  }
});
