import type { Worker } from 'node:worker_threads';
import { moduleWorker } from '../module-worker.ts';
import { type PreparedItem, prepareItems } from './prepare-items.ts';
import type { PrepareJob, PrepareReply } from './prepare-worker.ts';

export interface Preparer {
  /**
   * Validates and hashes a batch (see prepare-items.ts). `body`, when given, is the request's
   * JSON text whose `items` are `items`: a worker can then do the work from the text, off the
   * thread every phone's request and every write goes through.
   */
  prepare(items: readonly unknown[], receivedAt: string, body?: string): Promise<PreparedItem[]>;
  /** Batches prepared so far, by where. */
  counts(): PreparerCounts;
  close(): Promise<void>;
}

export interface PreparerCounts {
  worker: number;
  inProcess: number;
}

export interface PreparerLog {
  warn(obj: object, msg: string): void;
}

/** Everything on the request's thread (tests, scripts, and the server run from source). */
export function inProcessPreparer(): Preparer {
  let inProcess = 0;
  return {
    prepare: async (items, receivedAt) => {
      inProcess += 1;
      return prepareItems(items, receivedAt);
    },
    counts: () => ({ worker: 0, inProcess }),
    close: async () => {},
  };
}

/** A worker that dies this many times is not started again; batches are prepared in process. */
const MAX_WORKER_FAILURES = 3;

/**
 * One worker thread for the sync route's batches. Validation, canonical JSON and hashing are
 * about a fifth of a synced response's cost on the main thread, which also runs every SQLite
 * write; here they run beside it. A worker that fails (or a reply that does not fit) costs
 * nothing but time: the batch is prepared in process instead, from the items the request
 * already holds, with the same results.
 */
export function workerPreparer(
  log: PreparerLog,
  startWorker: () => Worker = () => moduleWorker(new URL('./prepare-worker', import.meta.url)),
): Preparer {
  let worker: Worker | undefined;
  let failures = 0;
  let seq = 0;
  const done: PreparerCounts = { worker: 0, inProcess: 0 };
  const inProcess = (items: readonly unknown[], receivedAt: string) => {
    done.inProcess += 1;
    return prepareItems(items, receivedAt);
  };
  const pending = new Map<
    number,
    { items: readonly unknown[]; receivedAt: string; resolve(p: PreparedItem[]): void }
  >();

  function settleInProcess(): void {
    for (const [key, job] of pending) {
      pending.delete(key);
      job.resolve(inProcess(job.items, job.receivedAt));
    }
  }

  function failed(current: Worker, reason: string): void {
    if (worker !== current) return;
    worker = undefined;
    failures += 1;
    log.warn(
      { reason, failures, givingUp: failures >= MAX_WORKER_FAILURES },
      'prepare worker failed; batches prepared in process',
    );
    settleInProcess();
  }

  function start(): Worker | undefined {
    if (worker || failures >= MAX_WORKER_FAILURES) return worker;
    const current = startWorker();
    current.unref();
    current.on('message', (reply: PrepareReply) => {
      const job = pending.get(reply.seq);
      if (!job) return;
      pending.delete(reply.seq);
      if ('error' in reply || reply.prepared.length !== job.items.length) {
        job.resolve(inProcess(job.items, job.receivedAt));
        return;
      }
      done.worker += 1;
      job.resolve(reply.prepared);
    });
    current.on('error', (err) => failed(current, String(err)));
    current.on('exit', (code) => failed(current, `exited with code ${code}`));
    worker = current;
    return current;
  }

  // Started now, not with the first batch: loading the questionnaire's schemas in a new thread
  // takes ~0.2 s that the first phone to sync after a restart would otherwise wait for.
  start();

  return {
    prepare(items, receivedAt, body) {
      const current = body === undefined ? undefined : start();
      if (!current || body === undefined) return Promise.resolve(inProcess(items, receivedAt));
      return new Promise((resolve) => {
        seq += 1;
        pending.set(seq, { items, receivedAt, resolve });
        const job: PrepareJob = { seq, body, receivedAt };
        current.postMessage(job);
      });
    },
    counts: () => ({ ...done }),
    async close() {
      const current = worker;
      worker = undefined;
      failures = MAX_WORKER_FAILURES;
      settleInProcess();
      await current?.terminate();
    },
  };
}
