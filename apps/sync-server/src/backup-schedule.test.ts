import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { runScheduledBackup, scheduleBackups } from './backup-schedule.ts';
import { integrityOf } from './db/backup.ts';
import { openDatabase } from './db/open.ts';
import { tempDbPath } from './testing.ts';

const HOUR = 3600_000;
const log = { info: () => {}, error: () => {} };

afterEach(() => {
  vi.useRealTimers();
});

it('backs up a minute after a first start, then once every interval', () => {
  vi.useFakeTimers();
  const { dir } = tempDbPath();
  const run = vi.fn();
  const schedule = scheduleBackups({ intervalHours: 24, backupDir: join(dir, 'none'), log, run });
  vi.advanceTimersByTime(59_000);
  expect(run).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1_000);
  expect(run).toHaveBeenCalledTimes(1);
  vi.advanceTimersByTime(24 * HOUR);
  expect(run).toHaveBeenCalledTimes(2);
  schedule.stop();
  vi.advanceTimersByTime(48 * HOUR);
  expect(run).toHaveBeenCalledTimes(2);
});

it('keeps to the schedule across a restart: the next backup is due a day after the last one', () => {
  vi.useFakeTimers();
  const now = Date.parse('2026-11-30T10:00:00Z');
  vi.setSystemTime(now);
  const { dir } = tempDbPath();
  const backups = join(dir, 'backups');
  mkdirSync(backups);
  const last = join(backups, '2026-11-30T04-00-00-000Z.db');
  writeFileSync(last, '');
  utimesSync(last, new Date(now - 6 * HOUR), new Date(now - 6 * HOUR));
  const run = vi.fn();
  const schedule = scheduleBackups({
    intervalHours: 24,
    backupDir: backups,
    log,
    run,
    now: () => now,
  });
  vi.advanceTimersByTime(18 * HOUR - 1_000);
  expect(run).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1_000);
  expect(run).toHaveBeenCalledTimes(1);
  schedule.stop();
});

it('takes a checked copy of the live database through the backup script, as the schedule does', async () => {
  const { dir } = tempDbPath();
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const db = openDatabase(join(dataDir, 'jiuting.db'));
  db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('acknowledged')");
  const lines: string[] = [];
  try {
    const ok = await runScheduledBackup(
      {
        info: (_o: unknown, msg: string) => lines.push(msg),
        error: (o: unknown) => lines.push(JSON.stringify(o)),
      } as never,
      { ...process.env, DATA_DIR: dataDir, BACKUP_DIR: join(dir, 'backups'), INIT_CWD: dir },
    );
    expect(lines).toEqual(['scheduled backup done']);
    expect(ok).toBe(true);
  } finally {
    db.close();
  }
  const copies = readdirSync(join(dir, 'backups')).filter((name) => name.endsWith('.db'));
  expect(copies).toHaveLength(1);
  const copy = join(dir, 'backups', copies[0] as string);
  expect(integrityOf(copy)).toBe('ok');
  const restored = openDatabase(copy);
  expect(restored.prepare('SELECT x FROM t').pluck().all()).toEqual(['acknowledged']);
  restored.close();
}, 60_000);
