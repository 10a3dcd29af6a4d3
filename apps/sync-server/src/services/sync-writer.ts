import type { Worker } from 'node:worker_threads';
import { moduleWorker } from '../module-worker.ts';
import type { AuditRecord } from '../repositories/audit.ts';
import {
  type BatchAudit,
  countStatuses,
  type IngestContext,
  type IngestLogger,
  type IngestPrepared,
  type ItemResult,
  type SyncItemKind,
} from './ingest.ts';
import { type PreparedItem, prepareItems } from './prepare-items.ts';

/** One `POST /api/sync` request's batch. */
export interface SyncBatch {
  items: readonly unknown[];
  /** A phone's sync: no QR fingerprint (a function would not cross to the writer's thread). */
  ctx: Omit<IngestContext, 'fingerprintFor'>;
  log: IngestLogger;
  /** The batch's audit row; its detail is the batch's counts by status. */
  audit: Omit<AuditRecord, 'detail'>;
}

export interface SyncWriter {
  /** Stores a batch; answers one result per item once they are on disk (see ingest.ts). */
  store(batch: SyncBatch): Promise<ItemResult[]>;
  /** Batches stored so far, by where. */
  counts(): SyncWriterCounts;
  close(): Promise<void>;
}

export interface SyncWriterCounts {
  thread: number;
  inProcess: number;
}

export interface WriterJob {
  seq: number;
  prepared: PreparedItem[];
  ctx: Omit<SyncBatch['ctx'], 'communities' | 'kinds'> & {
    communities: string[] | 'all';
    kinds: SyncItemKind[];
  };
  audit: SyncBatch['audit'];
}

export type WriterMessage =
  | { seq: number; results: ItemResult[] }
  | { seq: number; failed: { message: string; code?: string } }
  | { seq: number; log: { level: 'warn' | 'error'; obj: object; msg: string } };

export interface SyncWriterLog {
  warn(obj: object, msg: string): void;
}

/** A batch's audit row, on either thread: its detail is the batch's counts by status. */
export const syncedAudit =
  (audit: SyncBatch['audit']): BatchAudit =>
  (results) => ({ ...audit, detail: countStatuses(results) });

const storeInProcess = (ingest: IngestPrepared, batch: SyncBatch, prepared: PreparedItem[]) =>
  ingest(prepared, batch.ctx, batch.log, syncedAudit(batch.audit));

/** Everything on the request's thread (tests, scripts, and the server run from source). */
export function inProcessWriter(ingest: IngestPrepared): SyncWriter {
  let inProcess = 0;
  return {
    store: async (batch) => {
      inProcess += 1;
      return storeInProcess(ingest, batch, prepareItems(batch.items, batch.ctx.receivedAt));
    },
    counts: () => ({ thread: 0, inProcess }),
    close: async () => {},
  };
}

/** A writer thread that dies this many times is not started again; batches are stored in process. */
const MAX_WORKER_FAILURES = 3;

/**
 * Phones' batches stored on a thread of their own, on its own connection. better-sqlite3 is
 * synchronous: stored on the main thread, a batch of 100 held it ~10 ms (its savepoints, its
 * indexes, the commit's fsync), and no other request was read or answered meanwhile — with
 * two phones, each waited for the other's commit before its own batch was even read. Here the
 * main thread reads, validates and hashes a batch (prepare-items.ts) while the writer stores
 * the one before.
 *
 * A writer that dies costs only time: the batches it held are stored in process, from the
 * items their requests hold. One it had committed before dying is then found stored and
 * answered `duplicate`, which the phone takes as an ack like `accepted`.
 */
export function threadWriter(
  dbPath: string,
  ingest: IngestPrepared,
  log: SyncWriterLog,
  startWorker: () => Worker = () =>
    moduleWorker(new URL('./sync-writer-worker', import.meta.url), { dbPath }),
): SyncWriter {
  let worker: Worker | undefined;
  let failures = 0;
  let seq = 0;
  let closing = false;
  const done: SyncWriterCounts = { thread: 0, inProcess: 0 };
  const pending = new Map<
    number,
    {
      batch: SyncBatch;
      prepared: PreparedItem[];
      resolve(results: ItemResult[]): void;
      reject(err: unknown): void;
    }
  >();
  const inProcess = (batch: SyncBatch, prepared: PreparedItem[]) => {
    done.inProcess += 1;
    return storeInProcess(ingest, batch, prepared);
  };

  function failed(current: Worker, reason: string): void {
    if (worker !== current) return;
    worker = undefined;
    if (closing) return;
    failures += 1;
    log.warn(
      { reason, failures, givingUp: failures >= MAX_WORKER_FAILURES },
      'sync writer failed; batches stored in process',
    );
    for (const [key, job] of pending) {
      pending.delete(key);
      inProcess(job.batch, job.prepared).then(job.resolve, job.reject);
    }
  }

  function start(): Worker | undefined {
    if (worker || closing || failures >= MAX_WORKER_FAILURES) return worker;
    const current = startWorker();
    current.unref();
    current.on('message', (message: WriterMessage) => {
      const job = pending.get(message.seq);
      if (!job) return;
      if ('log' in message) {
        job.batch.log[message.log.level](message.log.obj, message.log.msg);
        return;
      }
      pending.delete(message.seq);
      if ('failed' in message) {
        // The writer's own refusal (a full disk, a read-only database): as in process, the
        // request fails and the phone keeps its items to send again.
        job.reject(Object.assign(new Error(message.failed.message), { code: message.failed.code }));
        return;
      }
      done.thread += 1;
      job.resolve(message.results);
    });
    current.on('error', (err) => failed(current, String(err)));
    current.on('exit', (code) => failed(current, `exited with code ${code}`));
    worker = current;
    return current;
  }

  // Started with the server: opening the database and loading the questionnaire's schemas in a
  // new thread takes ~0.2 s that the first phone after a restart would otherwise wait for.
  start();

  return {
    async store(batch) {
      const prepared = prepareItems(batch.items, batch.ctx.receivedAt);
      const current = start();
      if (!current) return inProcess(batch, prepared);
      return new Promise((resolve, reject) => {
        seq += 1;
        pending.set(seq, { batch, prepared, resolve, reject });
        const { communities, kinds, ...ctx } = batch.ctx;
        const job: WriterJob = {
          seq,
          prepared,
          ctx: {
            ...ctx,
            communities: communities === 'all' ? 'all' : [...communities],
            kinds: [...kinds],
          },
          audit: batch.audit,
        };
        current.postMessage(job);
      });
    },
    counts: () => ({ ...done }),
    async close() {
      closing = true;
      const current = worker;
      if (!current) return;
      // Fastify closes the server first, so no request is waiting here.
      const exited = new Promise((resolve) => current.once('exit', resolve));
      current.postMessage('close');
      const timer = setTimeout(() => void current.terminate(), 5000);
      await exited;
      clearTimeout(timer);
      worker = undefined;
      // Not expected (see above); a request still waiting fails, and its phone sends again.
      for (const [key, job] of pending) {
        pending.delete(key);
        job.reject(new Error('sync writer closed'));
      }
    },
  };
}
