// One export, in a worker thread on its own read-only connection: reading 100,000 responses and
// writing the workbook takes seconds of CPU, which on the main thread would hold up every
// phone's sync and ping for as long (see export-runner.ts). The file is written to `outPath` as
// its rows are read, so neither thread ever holds the year's rows or the whole file.
import { closeSync, createWriteStream, openSync, writeSync } from 'node:fs';
import { type MessagePort, parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { csvLines } from './csv.ts';
import { readExportData } from './read-data.ts';
import type { SheetName } from './types.ts';

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

export interface ExportCounts {
  readonly communities: number;
  readonly responses: number;
  readonly interviews: number;
}

export type ExportOutcome =
  | { readonly ok: true; readonly counts: ExportCounts }
  | { readonly ok: false; readonly message: string; readonly code?: string };

/**
 * What the worker posts: for a CSV, `written` each time more of the file is on disk (never for
 * its last part: a file written in one go is simply done), so the route can send the file while
 * it is still being written; then one outcome.
 */
export type WorkerMessage =
  | { readonly kind: 'written'; readonly bytes: number; readonly counts: ExportCounts }
  | ({ readonly kind: 'outcome' } & ExportOutcome);

/** CSV bytes gathered to about this many per write. */
const CSV_WRITE_BYTES = 256 * 1024;

function writeAll(fd: number, bytes: Buffer, length: number): void {
  let done = 0;
  while (done < length) done += writeSync(fd, bytes, done, length - done);
}

export function writeCsv(
  outPath: string,
  lines: Iterable<string>,
  written: (bytes: number) => void,
) {
  const fd = openSync(outPath, 'wx', 0o600);
  try {
    // Each line is encoded straight into one reused buffer: gathering the lines into a string
    // first made V8 flatten ~1,000 concatenated lines for every write (~0.3 s of a 100,000-row
    // CSV's ~1.5 s). A UTF-16 unit is at most 3 bytes of UTF-8, so `length × 3` always fits.
    const buffer = Buffer.allocUnsafe(CSV_WRITE_BYTES);
    let used = 0;
    let bytes = 0;
    for (const line of lines) {
      if (used > 0 && used + line.length * 3 > buffer.length) {
        writeAll(fd, buffer, used);
        bytes += used;
        used = 0;
        written(bytes);
      }
      if (line.length * 3 > buffer.length) {
        const long = Buffer.from(line, 'utf8');
        writeAll(fd, long, long.length);
        bytes += long.length;
      } else {
        used += buffer.write(line, used, 'utf8');
      }
    }
    if (used > 0) writeAll(fd, buffer, used);
  } finally {
    closeSync(fd);
  }
}

async function run(job: ExportJob, port: MessagePort): Promise<ExportOutcome> {
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
        // Loaded only for a workbook: exceljs and its zip take a third of a second to load,
        // which a CSV download would otherwise wait for.
        const { writeAssessmentWorkbook } = await import('./workbook.ts');
        const stream = createWriteStream(job.outPath, { flags: 'wx', mode: 0o600 });
        await writeAssessmentWorkbook(data, { generatedAt, stream });
      } else {
        writeCsv(job.outPath, csvLines(job.sheet ?? '汇总', data), (bytes) =>
          port.postMessage({ kind: 'written', bytes, counts } satisfies WorkerMessage),
        );
      }
      return { ok: true, counts };
    } finally {
      db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
}

function failure(err: unknown): ExportOutcome {
  const e = err as { message?: unknown; code?: unknown };
  return {
    ok: false,
    message: typeof e?.message === 'string' ? e.message : String(err),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
  };
}

// A worker may be started before there is a job (kept warm: see export-runner.ts), so the job
// comes as a message. One job per worker: it exits after the outcome, and with it the memory
// the export used.
const port = parentPort;
port?.once('message', (job: ExportJob) => {
  run(job, port)
    .catch(failure)
    .then((outcome) => {
      port.postMessage({ kind: 'outcome', ...outcome } satisfies WorkerMessage);
      port.close();
    });
});
