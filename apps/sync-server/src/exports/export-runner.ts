import { Worker } from 'node:worker_threads';
import type { ExportJob, ExportOutcome } from './export-worker.ts';

export type { ExportJob, ExportOutcome };

// Run as source (tests, tsx) the worker is a .ts file that plain Node cannot load: it gets tsx's
// loader, a dev dependency that is there whenever the sources are. Compiled, it is .js.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(
  FROM_SOURCE ? './export-worker.ts' : './export-worker.js',
  import.meta.url,
);

function runWorker(job: ExportJob): Promise<ExportOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: job,
      execArgv: FROM_SOURCE ? [...process.execArgv, '--import', 'tsx'] : process.execArgv,
    });
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
