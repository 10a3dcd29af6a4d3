import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** True when this server runs from its TypeScript sources (tests, tsx), false when compiled. */
export const FROM_SOURCE = import.meta.url.endsWith('.ts');

// Run as source the worker is a .ts file that plain Node cannot load: a small bootstrap
// registers tsx's loader (a dev dependency, there whenever the sources are) inside the worker
// first — Node 20 does not apply `--import tsx` to a worker thread. Compiled, it is .js.
const TSX_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then((api) => (api.register ?? api.default.register)())
  .then(() => import(workerData.entry));
`;

/**
 * Starts a worker thread on a module beside the caller's, given without its extension
 * (`new URL('./export-worker', import.meta.url)`): the .ts source or the compiled .js.
 */
export function moduleWorker(entry: URL, data?: unknown): Worker {
  const url = new URL(`${entry.href}${FROM_SOURCE ? '.ts' : '.js'}`);
  if (!FROM_SOURCE) return new Worker(url, { workerData: data });
  // The ESM entry (the CommonJS one resolves its own chunks wrongly when imported).
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  return new Worker(TSX_BOOTSTRAP, {
    eval: true,
    workerData: { tsxApi, entry: url.href, ...(data as object) },
  });
}
