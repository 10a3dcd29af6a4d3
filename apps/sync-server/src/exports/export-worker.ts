// One export, in a worker thread on its own read-only connection: reading 100,000 responses and
// writing the workbook takes seconds of CPU, which on the main thread would hold up every
// phone's sync and ping for as long (see export-runner.ts). The file is written to `outPath` as
// its rows are read, so neither thread ever holds the year's rows or the whole file.
import { closeSync, createWriteStream, openSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { csvLines } from './csv.ts';
import { readExportData } from './read-data.ts';
import type { SheetName } from './types.ts';
import { writeAssessmentWorkbook } from './workbook.ts';

export interface ExportJob {
  readonly dbPath: string;
  readonly format: 'xlsx' | 'csv';
  readonly sheet?: SheetName;
  readonly generatedAt: string;
  /** The assessment year the file holds. */
  readonly year: number;
  /** Where the file goes (a new file, owner-only; the caller sends it and deletes it). */
  readonly outPath: string;
}

export type ExportOutcome =
  | {
      readonly ok: true;
      readonly counts: { communities: number; responses: number; interviews: number };
    }
  | { readonly ok: false; readonly message: string; readonly code?: string };

/** CSV text gathered to about this many characters per write. */
const CSV_WRITE_CHARS = 256 * 1024;

function writeCsv(outPath: string, lines: Iterable<string>): void {
  const fd = openSync(outPath, 'wx', 0o600);
  try {
    let pending = '';
    for (const line of lines) {
      pending += line;
      if (pending.length >= CSV_WRITE_CHARS) {
        writeSync(fd, pending);
        pending = '';
      }
    }
    if (pending) writeSync(fd, pending);
  } finally {
    closeSync(fd);
  }
}

async function run(job: ExportJob): Promise<ExportOutcome> {
  const db = new Database(job.dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // One read transaction around reading and writing: the summary and every pass over the
    // responses (the detail sheet, the tallies) see the same moment, while phones keep writing
    // (a WAL reader never blocks the writer).
    db.exec('BEGIN');
    try {
      const data = readExportData(db, job.year);
      const counts = {
        communities: data.communities.length,
        responses: data.responseCount,
        interviews: data.interviews.length,
      };
      const generatedAt = new Date(job.generatedAt);
      if (job.format === 'xlsx') {
        const stream = createWriteStream(job.outPath, { flags: 'wx', mode: 0o600 });
        await writeAssessmentWorkbook(data, { generatedAt, stream });
      } else {
        writeCsv(job.outPath, csvLines(job.sheet ?? '汇总', data));
      }
      return { ok: true, counts };
    } finally {
      db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
}

const port = parentPort;
if (port) {
  run(workerData as ExportJob).then(
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
