import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Moving WAL pages back into the database file (a checkpoint) fsyncs the database; done by the
// connection that writes, it lands inside whichever sync request happens to trigger it and
// shows up as that phone's slow request. A second connection in a worker thread checkpoints on
// a timer instead. PASSIVE never blocks the writer; the main connection keeps a high
// auto-checkpoint threshold as a fallback should this worker ever stop.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.dbPath);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err)); }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'stop') { clearInterval(timer); db.close(); parentPort.close(); }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(
  dbPath: string,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, dbPath, intervalMs: options.intervalMs ?? 500 },
  });
  worker.on('message', (message: string) => options.onError?.(message));
  worker.on('error', (err) => options.onError?.(String(err)));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
