import { buildTable } from './sheets.ts';
import type { CellValue, ColumnKind, Table } from './table.ts';
import { beijingFormatter } from './time.ts';
import type { AssessmentExportData, SheetName } from './types.ts';

// Excel on Windows reads a CSV without a byte-order mark as the local code page (GBK), which
// garbles every Chinese character; with the BOM it reads UTF-8.
const BOM = '\uFEFF';
const CRLF = '\r\n';
/** Values of one column whose fields are kept (see csvLines). */
const DISTINCT_PER_COLUMN = 1_000;

// OWASP's CSV-injection guidance: a spreadsheet runs a cell that begins with one of these as a
// formula (tab and carriage return too, because some programs drop them and read on).
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Prefixes a cell a spreadsheet would run as a formula with `'`, so it is shown as text. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_TRIGGERS.has(cell.charAt(0)) ? `'${cell}` : cell;
}

/** RFC 4180: a field with a comma, a double quote or a line break is quoted, its quotes doubled. */
export function quoteCsvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

function cellText(
  value: CellValue,
  kind: ColumnKind,
  formatBeijing: (iso: string) => string,
): string {
  if (value === null) return '';
  if (typeof value === 'string') return kind === 'datetime' ? formatBeijing(value) : value;
  switch (kind) {
    case 'decimal':
      return value.toFixed(2);
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    default:
      return String(value);
  }
}

/**
 * One sheet of the assessment as CSV, line by line: UTF-8 with a BOM (on the first line), CRLF
 * line ends, RFC 4180 quoting, header first (no title line, so any tool can read it) and every
 * cell that could run as a formula neutralised. An export writes the lines to a file as they
 * come; the year's rows are never one string.
 */
export function csvLines(sheet: SheetName, data: AssessmentExportData): Generator<string> {
  return tableCsvLines(buildTable(sheet, data));
}

/** Any table's lines, as csvLines describes them. */
export function* tableCsvLines(table: Table): Generator<string> {
  const kinds = table.columns.map((column) => column.kind);
  const field = (cell: string) => quoteCsvField(neutraliseFormula(cell));
  const beijing = beijingFormatter();
  // Most columns repeat a few values (labels, points, names) across 100,000 rows: each value's
  // field is made once. A column that keeps giving new values (ids, times) stops being looked up.
  const known: (Map<CellValue, string> | null)[] = kinds.map(() => new Map());
  const fieldOf = (value: CellValue, i: number): string => {
    const cache = known[i];
    let text = cache?.get(value);
    if (text === undefined) {
      text = field(cellText(value, kinds[i] as ColumnKind, beijing));
      if (cache) {
        if (cache.size < DISTINCT_PER_COLUMN) cache.set(value, text);
        else known[i] = null;
      }
    }
    return text;
  };
  yield BOM + table.columns.map((column) => field(column.header)).join(',') + CRLF;
  // One string per line, built cell by cell: 100,000 rows × 40 cells made three arrays a row.
  for (const row of table.rows) {
    let line = fieldOf(row[0] ?? null, 0);
    for (let i = 1; i < kinds.length; i += 1) line += `,${fieldOf(row[i] ?? null, i)}`;
    yield line + CRLF;
  }
}

/** The same CSV as one string (tests, and small data). */
export function buildCsv(sheet: SheetName, data: AssessmentExportData): string {
  return [...csvLines(sheet, data)].join('');
}
