import type { Db } from './open.ts';

/**
 * Gives the WAL file's space back once the server has gone quiet. The background checkpointer
 * only ever runs PASSIVE (see checkpointer.ts), so after a burst the `-wal` file stays as large
 * as journal_size_limit until the next write. This TRUNCATE runs on the serving connection
 * itself, between requests: that connection's own transactions are synchronous, so none can be
 * half-way when it runs, and it never waits — with busy_timeout 0 a reader (an export's
 * connection), the sync writer's transaction or the worker's checkpoint in progress just makes
 * it a PASSIVE one, tried again at the next quiet check. The writer's transactions begin
 * IMMEDIATE, so one that starts meanwhile waits for the TRUNCATE instead of failing.
 */
export interface WalTrim {
  stop(): void;
}

export function startWalTrim(db: Db, options: { checkMs?: number } = {}): WalTrim {
  // This connection's own writes, and (data_version) every other connection's commits: the
  // sync writer stores batches on a connection of its own.
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  const changes = () => `${totalChanges.get()}:${db.pragma('data_version', { simple: true })}`;
  let seen = changes();
  // A WAL left by the last run (or a burst before this started) is trimmed at the first quiet check.
  let trimmedAt = '';
  const timer = setInterval(() => {
    const now = changes();
    // Quiet since the last check (no row written by any connection), and written since the
    // last trim: one TRUNCATE per burst, not one every check.
    if (now === seen && now !== trimmedAt) {
      if (trimWal(db)) trimmedAt = now;
    }
    seen = now;
  }, options.checkMs ?? 10_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** One TRUNCATE checkpoint that never waits; true when the WAL was emptied. */
export function trimWal(db: Db): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as {
      busy: number;
      log: number;
      checkpointed: number;
    }[];
    return result !== undefined && result.busy === 0;
  } catch {
    // A full or read-only disk: the checkpointer worker reports storage failures.
    return false;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}
