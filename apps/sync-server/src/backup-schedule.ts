import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger } from 'fastify';
import { FROM_SOURCE } from './module-worker.ts';
import { lastBackupAt } from './plugins/health.ts';

// The server's own backups, for machines without the systemd timer (BACKUP_INTERVAL_HOURS > 0).
// Each runs `npm run backup`'s script in a child process: the copy and its integrity check of a
// large database take seconds of CPU that must not fall on the event loop the phones use.
const SCRIPT = fileURLToPath(
  new URL(FROM_SOURCE ? '../scripts/backup.ts' : '../scripts/backup.js', import.meta.url),
);

type BackupLog = Pick<FastifyBaseLogger, 'info' | 'error'>;

/** One backup by the backup script, with the server's settings; resolves once it has ended. */
export function runScheduledBackup(
  log: BackupLog,
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  const args = [...process.execArgv, ...(FROM_SOURCE ? ['--import', 'tsx'] : []), SCRIPT];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env }, (err, stdout, stderr) => {
      if (err) log.error({ output: stderr.trim() }, 'scheduled backup failed');
      else log.info({ output: stdout.trim() }, 'scheduled backup done');
      resolve(!err);
    });
  });
}

export function scheduleBackups(options: {
  intervalHours: number;
  backupDir: string;
  log: BackupLog;
  /** Injectable for tests; the backup script in a child process otherwise. */
  run?: () => unknown;
  now?: () => number;
}): { stop(): void } {
  const intervalMs = options.intervalHours * 3600_000;
  const run = options.run ?? (() => runScheduledBackup(options.log));
  const now = options.now ?? Date.now;
  // The first one as soon as it is due (a restart does not reset the clock), then every interval.
  const last = lastBackupAt(options.backupDir)?.getTime() ?? 0;
  const firstIn = Math.max(60_000, last + intervalMs - now());
  let timer = setTimeout(function tick() {
    run();
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  }, firstIn);
  timer.unref();
  return { stop: () => clearTimeout(timer) };
}
