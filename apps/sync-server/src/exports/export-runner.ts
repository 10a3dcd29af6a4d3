import type { Worker } from 'node:worker_threads';
import { FROM_SOURCE, moduleWorker } from '../module-worker.ts';
import type { ExportCounts, ExportJob, ExportOutcome, WorkerMessage } from './export-worker.ts';

export type { ExportCounts, ExportJob, ExportOutcome };

const newWorker = () => moduleWorker(new URL('./export-worker', import.meta.url));

/** Told each time more of a CSV is on disk, with the export's counts (see WorkerMessage). */
export type OnWritten = (bytes: number, counts: ExportCounts) => void;

function runJob(worker: Worker, job: ExportJob, onWritten?: OnWritten): Promise<ExportOutcome> {
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.ref();
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'written') {
        onWritten?.(message.bytes, message.counts);
        return;
      }
      settled = true;
      const { kind: _, ...outcome } = message;
      resolve(outcome);
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the export worker exited with code ${code}`));
    });
    worker.postMessage(job);
  });
}

export interface ExportRunner {
  /** Runs one export once those before it have finished; settles when its file is complete. */
  run(job: ExportJob, onWritten?: OnWritten): Promise<ExportOutcome>;
  /** Stops the worker kept waiting (exports already running finish). */
  close(): Promise<void>;
}

/**
 * Exports one at a time: two coordinators downloading at once would otherwise take both cores
 * of a small server from the phones; the second waits for the first.
 *
 * With `keepWarm` (the default for the compiled server) the next export's worker is started
 * ahead, once the last export is over, and waits idle: starting a thread and loading the export's
 * modules is ~0.1 s a download would otherwise wait for. Each worker does one export and exits,
 * so nothing of one export's memory stays. Off when run from source, where every test app would
 * otherwise start a worker and tsx in it.
 */
export function exportRunner(options: { keepWarm?: boolean } = {}): ExportRunner {
  const keepWarm = options.keepWarm ?? !FROM_SOURCE;
  let closed = false;
  let spare: Worker | undefined;
  function startSpare() {
    if (!keepWarm || closed || spare) return;
    const worker = newWorker();
    worker.unref();
    // One that fails while idle (it should not) is simply not used.
    worker.once('error', () => {});
    worker.once('exit', () => {
      if (spare === worker) spare = undefined;
    });
    spare = worker;
  }
  function takeWorker(): Worker {
    const worker = spare ?? newWorker();
    spare = undefined;
    return worker;
  }
  startSpare();

  let queue: Promise<unknown> = Promise.resolve();
  return {
    run(job, onWritten) {
      const next = queue.then(() => runJob(takeWorker(), job, onWritten));
      queue = next.catch(() => {}).then(startSpare);
      return next;
    },
    async close() {
      closed = true;
      const worker = spare;
      spare = undefined;
      await worker?.terminate();
    },
  };
}
