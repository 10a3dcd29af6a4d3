import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDbPath } from '../testing.ts';
import { startCheckpointer } from './checkpointer.ts';
import { JOURNAL_SIZE_LIMIT_BYTES, openDatabase } from './open.ts';

const waitUntil = async (done: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  return done();
};

it('gives the WAL its disk space back after a burst, at the next write', async () => {
  const { dbPath } = tempDbPath();
  const db = openDatabase(dbPath);
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  const burst = db.transaction(() => {
    for (let i = 0; i < 12_000; i += 1) insert.run('x'.repeat(1000));
  });
  burst();
  const wal = () => statSync(`${dbPath}-wal`).size;
  expect(wal()).toBeGreaterThan(2 * JOURNAL_SIZE_LIMIT_BYTES);
  const checkpointer = startCheckpointer(dbPath, { intervalMs: 20 });
  try {
    // The burst copied into the database, the next write starts the WAL over and cuts it back.
    expect(
      await waitUntil(() => {
        insert.run('one more');
        return wal() <= JOURNAL_SIZE_LIMIT_BYTES;
      }, 5000),
    ).toBe(true);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBeGreaterThan(12_000);
  } finally {
    await checkpointer.stop();
    db.close();
  }
});

it('restarts a worker that died, and stops at once even when it is dead', async () => {
  // A database the worker cannot open: it dies on every start.
  const dbPath = join(tempDbPath().dir, 'no-such-dir', 'x.db');
  const deaths: string[] = [];
  const checkpointer = startCheckpointer(dbPath, {
    intervalMs: 20,
    restartAfterMs: 10,
    log: { died: (reason) => deaths.push(reason) },
  });
  expect(await waitUntil(() => deaths.filter((d) => d === 'exited').length >= 2, 5000)).toBe(true);
  const stopped = await Promise.race([
    checkpointer.stop().then(() => 'stopped'),
    new Promise((r) => setTimeout(() => r('hung'), 2000)),
  ]);
  expect(stopped).toBe('stopped');
  const after = deaths.length;
  await new Promise((r) => setTimeout(r, 100));
  expect(deaths.length).toBe(after);
});

it('lets a script that awaits stop() as its last step finish normally (not exit 13)', () => {
  // `npm run bench` failed on exactly this: the unref'd worker was the only thing left, so Node
  // ended the process with the top-level await still pending.
  const { dbPath } = tempDbPath();
  openDatabase(dbPath).close();
  const script = `
    import { startCheckpointer } from './src/db/checkpointer.ts';
    await startCheckpointer(${JSON.stringify(dbPath)}).stop();
    console.log('stopped');
  `;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: join(import.meta.dirname, '..', '..'),
      encoding: 'utf8',
    },
  );
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('stopped');
  // A child process that loads tsx: seconds on a loaded machine.
}, 30_000);

it('reports a run of checkpoint failures once, then again only with its count', async () => {
  // Not a database: every checkpoint fails, as on a disk that has turned read-only.
  const { dbPath } = tempDbPath();
  writeFileSync(dbPath, 'x'.repeat(8192));
  const failing: string[] = [];
  const stillFailing: number[] = [];
  const checkpointer = startCheckpointer(dbPath, {
    intervalMs: 10,
    reportEveryMs: 200,
    log: {
      failing: (message) => failing.push(message),
      stillFailing: (_message, count) => stillFailing.push(count),
    },
  });
  try {
    expect(await waitUntil(() => stillFailing.length >= 2, 10_000)).toBe(true);
    // One full report for the whole outage, then counts that grow: not one line per failure.
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatch(/not a database|SQLITE/i);
    expect(stillFailing[1]).toBeGreaterThan(stillFailing[0] ?? 0);
    expect(stillFailing[0]).toBeGreaterThan(2);
  } finally {
    await checkpointer.stop();
  }
});
