import type { FieldIssue } from '@jiuting/questionnaire';
import { readCsvText, readTableFile, type TableFile, type TableRow } from './table-file.ts';

export type CsvRowsResult<T> = { ok: true; rows: T[] } | { ok: false; issues: FieldIssue[] };

/** One body line's verdict: what is wrong with it, or the row it becomes and the key it claims. */
export type CsvLineVerdict<T> = { problems: string[] } | { key: string; row: T };

export interface CsvRowsSpec<T> {
  /** The header shown first in the error message, then the other accepted header. */
  headers: readonly [readonly string[], readonly string[]];
  /** Community lists trim each header cell (quoted cells included); other files do not. */
  trimHeaderCells?: boolean;
  /** The message when the file holds a header and nothing else. */
  emptyMessage: string;
  /** `firstLineOf(key)` is the line of an earlier good line with that key, if any. */
  readLine(record: string[], firstLineOf: (key: string) => number | undefined): CsvLineVerdict<T>;
}

/**
 * Reads a town table: a header row (one of two accepted) then one row a line. Every bad line is
 * reported by its line number in the file; any bad line means nothing is kept.
 */
export function parseCsvRows<T>(text: string, spec: CsvRowsSpec<T>): CsvRowsResult<T> {
  const read = readCsvText(text);
  return read.ok ? parseTableRows(read.rows, spec) : read;
}

/** The same for an uploaded file: CSV in UTF-8 or GBK, or .xlsx (see table-file.ts). */
export async function parseTableFile<T>(
  file: TableFile,
  spec: CsvRowsSpec<T>,
): Promise<CsvRowsResult<T>> {
  const read = await readTableFile(file);
  return read.ok ? parseTableRows(read.rows, spec) : read;
}

export function parseTableRows<T>(
  records: readonly TableRow[],
  spec: CsvRowsSpec<T>,
): CsvRowsResult<T> {
  const [header, ...body] = records;
  const cells = header?.cells ?? [];
  const names = spec.trimHeaderCells ? cells.map((h) => h.trim()) : cells;
  const isHeader = (expected: readonly string[]) =>
    expected.length === names.length && expected.every((h, i) => names[i] === h);
  const [shown, alternative] = spec.headers;
  if (!header || !(isHeader(shown) || isHeader(alternative))) {
    return {
      ok: false,
      issues: [
        {
          path: `第${header?.line ?? 1}行`,
          message: `第一行应为表头：${shown.join(',')}（或 ${alternative.join(',')}）`,
        },
      ],
    };
  }
  if (body.length === 0) {
    return { ok: false, issues: [{ path: '文件', message: spec.emptyMessage }] };
  }

  const issues: FieldIssue[] = [];
  const rows: T[] = [];
  const seen = new Map<string, number>();
  const firstLineOf = (key: string) => seen.get(key);
  for (const { cells: record, line } of body) {
    const verdict = spec.readLine(record, firstLineOf);
    if ('problems' in verdict) {
      issues.push({ path: `第${line}行`, message: verdict.problems.join('；') });
      continue;
    }
    seen.set(verdict.key, line);
    rows.push(verdict.row);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}
