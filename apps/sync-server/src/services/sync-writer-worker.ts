import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, servingPragmas } from '../db/open.ts';
import { auditRepository } from '../repositories/audit.ts';
import { communitiesRepository } from '../repositories/communities.ts';
import { submissionsRepository } from '../repositories/submissions.ts';
import { yearsRepository } from '../repositories/years.ts';
import { createIngest } from './ingest.ts';
import { syncedAudit, type WriterJob, type WriterMessage } from './sync-writer.ts';

// The sync writer's thread: its own connection to the server's database, and the same storing
// (group commit, per-item savepoints) the app runs in process, of batches the request's thread
// has validated and hashed.
const db = openDatabase((workerData as { dbPath: string }).dbPath);
servingPragmas(db);
const { ingestPrepared } = createIngest({
  db,
  submissions: submissionsRepository(db),
  communities: communitiesRepository(db),
  audit: auditRepository(db),
  years: yearsRepository(db),
});

const post = (message: WriterMessage) => parentPort?.postMessage(message);

/** An error as it crosses to the request's thread: its message and SQLite's code. */
function plainError(err: unknown): { message: string; code?: string } {
  const { message, code } = (err ?? {}) as { message?: unknown; code?: unknown };
  return { message: String(message ?? err), ...(typeof code === 'string' ? { code } : {}) };
}

/** What a log line may carry across: an error becomes its message and code. */
function loggable(obj: object): object {
  return Object.fromEntries(
    Object.entries(obj).map(([key, value]) => [
      key,
      value instanceof Error ? plainError(value) : value,
    ]),
  );
}

function run(job: WriterJob): void {
  const log = {
    warn: (obj: object, msg: string) =>
      post({ seq: job.seq, log: { level: 'warn', obj: loggable(obj), msg } }),
    error: (obj: object, msg: string) =>
      post({ seq: job.seq, log: { level: 'error', obj: loggable(obj), msg } }),
  };
  const { communities, kinds, ...rest } = job.ctx;
  const ctx = {
    ...rest,
    communities: communities === 'all' ? ('all' as const) : new Set(communities),
    kinds: new Set(kinds),
  };
  ingestPrepared(job.prepared, ctx, log, syncedAudit(job.audit)).then(
    (results) => post({ seq: job.seq, results }),
    (err: unknown) => post({ seq: job.seq, failed: plainError(err) }),
  );
}

parentPort?.on('message', (message: WriterJob | 'close') => {
  if (message === 'close') {
    db.close();
    parentPort?.close();
    return;
  }
  run(message);
});
