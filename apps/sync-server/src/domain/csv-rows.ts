import type { FieldIssue } from '@jiuting/questionnaire';
import { parse } from 'csv-parse/sync';

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

type ParsedLine = { record: string[]; info: { lines: number } };

/**
 * Reads a town CSV: a header row (one of two accepted) then one row a line. Every bad line is
 * reported by its line number in the file; any bad line means nothing is kept.
 */
export function parseCsvRows<T>(text: string, spec: CsvRowsSpec<T>): CsvRowsResult<T> {
  let records: ParsedLine[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as ParsedLine[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return {
      ok: false,
      issues: [{ path: line ? `第${line}行` : '文件', message: 'CSV 格式错误（引号未闭合等）' }],
    };
  }
  const [header, ...body] = records;
  const cells = header?.record ?? [];
  const names = spec.trimHeaderCells ? cells.map((h) => h.trim()) : cells;
  const isHeader = (expected: readonly string[]) =>
    expected.length === names.length && expected.every((h, i) => names[i] === h);
  const [shown, alternative] = spec.headers;
  if (!header || !(isHeader(shown) || isHeader(alternative))) {
    return {
      ok: false,
      issues: [
        {
          path: '第1行',
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
  for (const { record, info } of body) {
    const line = info.lines;
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
