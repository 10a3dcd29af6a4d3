// One export, in a worker thread on its own read-only connection: reading 100,000 responses and
// writing the workbook takes seconds of CPU, which on the main thread would hold up every
// phone's sync and ping for as long (see export-runner.ts).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { buildCsv } from './csv.ts';
import { readExportData } from './read-data.ts';
import type { SheetName } from './types.ts';
import { buildAssessmentWorkbook } from './workbook.ts';

export interface ExportJob {
  readonly dbPath: string;
  readonly format: 'xlsx' | 'csv';
  readonly sheet?: SheetName;
  readonly generatedAt: string;
  /** The assessment year the file holds. */
  readonly year: number;
}

export type ExportOutcome =
  | {
      readonly ok: true;
      readonly bytes: Uint8Array;
      readonly counts: { communities: number; responses: number; interviews: number };
    }
  | { readonly ok: false; readonly message: string; readonly code?: string };

async function run(job: ExportJob): Promise<ExportOutcome> {
  const db = new Database(job.dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const data = readExportData(db, job.year);
    const counts = {
      communities: data.communities.length,
      responses: data.responses.length,
      interviews: data.interviews.length,
    };
    const generatedAt = new Date(job.generatedAt);
    const bytes =
      job.format === 'xlsx'
        ? await buildAssessmentWorkbook(data, { generatedAt })
        : Buffer.from(buildCsv(job.sheet ?? '汇总', data), 'utf8');
    return { ok: true, bytes, counts };
  } finally {
    db.close();
  }
}

const port = parentPort;
if (port) {
  run(workerData as ExportJob).then(
    // Copied, not transferred: exceljs's buffer may sit in Node's shared pool, which cannot move.
    (outcome) => port.postMessage(outcome),
    (err: unknown) => {
      const e = err as { message?: unknown; code?: unknown };
      port.postMessage({
        ok: false,
        message: typeof e?.message === 'string' ? e.message : String(err),
        ...(typeof e?.code === 'string' ? { code: e.code } : {}),
      } satisfies ExportOutcome);
    },
  );
}
