import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExportJob, ExportOutcome } from './export-worker.ts';

export type { ExportJob, ExportOutcome };

// Run as source (tests, tsx) the worker is a .ts file that plain Node cannot load: a small
// bootstrap registers tsx's loader (a dev dependency, there whenever the sources are) inside the
// worker first — Node 20 does not apply `--import tsx` to a worker thread. Compiled, it is .js.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(
  FROM_SOURCE ? './export-worker.ts' : './export-worker.js',
  import.meta.url,
);
const TSX_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then((api) => (api.register ?? api.default.register)())
  .then(() => import(workerData.entry));
`;

function newWorker(job: ExportJob): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, { workerData: job });
  // The ESM entry (the CommonJS one resolves its own chunks wrongly when imported).
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  return new Worker(TSX_BOOTSTRAP, {
    eval: true,
    workerData: { ...job, tsxApi, entry: WORKER_URL.href },
  });
}

function runWorker(job: ExportJob): Promise<ExportOutcome> {
  return new Promise((resolve, reject) => {
    const worker = newWorker(job);
    let settled = false;
    worker.once('message', (outcome: ExportOutcome) => {
      settled = true;
      resolve(outcome);
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the export worker exited with code ${code}`));
    });
  });
}

/**
 * Exports one at a time: two coordinators downloading at once would otherwise take both cores
 * of a small server from the phones; the second waits for the first.
 */
export function exportRunner(): (job: ExportJob) => Promise<ExportOutcome> {
  let queue: Promise<unknown> = Promise.resolve();
  return (job) => {
    const next = queue.then(() => runWorker(job));
    queue = next.catch(() => {});
    return next;
  };
}
