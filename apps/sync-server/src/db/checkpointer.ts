import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { JOURNAL_SIZE_LIMIT_BYTES } from './open.ts';

// Moving WAL pages back into the database file (a checkpoint) fsyncs the database; done by the
// connection that writes, it lands inside whichever sync request happens to trigger it and
// shows up as that phone's slow request. A second connection in a worker thread checkpoints on
// a timer instead. PASSIVE never blocks the writer; once it has copied the whole WAL, the next
// write starts the WAL over and journal_size_limit cuts the file back. Not TRUNCATE here: it
// holds the write lock for a moment, and a write transaction of the serving connection that
// began deferred and upgrades in that moment fails at once with SQLITE_BUSY (the export
// benchmark's ingest died of it). The serving connection truncates for itself once quiet
// (wal-trim.ts), where no transaction of its own can be half-way. The
// main connection keeps a high auto-checkpoint threshold as a fallback should this worker stop.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.dbPath);
db.pragma('busy_timeout = 5000');
db.pragma('journal_size_limit = ' + workerData.journalSizeLimit);
let failing = false;
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    if (failing) { failing = false; parentPort.postMessage({ ok: true }); }
  } catch (err) {
    failing = true;
    parentPort.postMessage({ ok: false, error: String(err) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'stop') { clearInterval(timer); db.close(); parentPort.close(); }
});
`;

export interface CheckpointerLog {
  /** The first failure of a run of them (a full disk fails every 500 ms for the whole outage). */
  failing(message: string): void;
  /** Once a minute while failures go on, with how many there were. */
  stillFailing(message: string, count: number): void;
  recovered(count: number): void;
  /** The worker itself died (and is being restarted). */
  died(reason: string): void;
}

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(
  dbPath: string,
  options: {
    intervalMs?: number;
    restartAfterMs?: number;
    /** How often a run of failures is reported again (a minute; shorter in tests). */
    reportEveryMs?: number;
    log?: Partial<CheckpointerLog>;
  } = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const log = options.log ?? {};
  let stopping = false;
  let worker: Worker | undefined;
  let alive = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let lastReport = 0;

  const start = () => {
    restartTimer = undefined;
    const current = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver,
        dbPath,
        intervalMs: options.intervalMs ?? 500,
        journalSizeLimit: JOURNAL_SIZE_LIMIT_BYTES,
      },
    });
    worker = current;
    alive = true;
    current.on('message', (message: { ok: boolean; error?: string }) => {
      if (message.ok) {
        if (failures > 0) log.recovered?.(failures);
        failures = 0;
        return;
      }
      failures += 1;
      const now = Date.now();
      if (failures === 1) {
        lastReport = now;
        log.failing?.(message.error ?? '');
      } else if (now - lastReport >= (options.reportEveryMs ?? 60_000)) {
        lastReport = now;
        log.stillFailing?.(message.error ?? '', failures);
      }
    });
    current.on('error', (err) => log.died?.(String(err)));
    current.on('exit', () => {
      alive = false;
      // Not asked to stop: it died (an uncaught error, out of memory). Checkpoints must go on,
      // or the WAL grows until the main connection's fallback threshold.
      if (!stopping) {
        log.died?.('exited');
        restartTimer = setTimeout(start, options.restartAfterMs ?? 1000);
        restartTimer.unref();
      }
    });
    current.unref();
  };
  start();

  return {
    /** Resolves at once if the worker has already died: there is no exit left to wait for. */
    stop: () => {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const current = worker;
      if (!current || !alive) return Promise.resolve();
      return new Promise<void>((resolve) => {
        current.once('exit', () => resolve());
        // The worker is unref'd so it never keeps a server alive on its own; but while someone
        // awaits its exit, it must hold the event loop open, or a process with nothing else
        // pending (a script at its last await) ends with exit code 13 before the worker does.
        current.ref();
        current.postMessage('stop');
      });
    },
  };
}
