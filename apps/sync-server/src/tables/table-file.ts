import type { FieldIssue } from '@jiuting/questionnaire';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

// The town's lists arrive as whatever the 居委会's computer saved: a CSV in UTF-8 (with or
// without a BOM), a CSV in GBK (what Chinese Excel writes by "另存为 CSV"), or an .xlsx. All
// three become the same rows of text cells, each with the line a person sees in the file, so
// every import names bad lines the same way whatever the file was.

export interface TableRow {
  /** The line (CSV) or row number (.xlsx) a person sees in the file. */
  readonly line: number;
  readonly cells: string[];
}

export type TableRowsResult = { ok: true; rows: TableRow[] } | { ok: false; issues: FieldIssue[] };

export interface TableFile {
  /** The file's name as uploaded: only its extension is read. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
// An old binary .xls (OLE compound file) is refused by name rather than read as text.
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * The text of a CSV file: UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GBK.
 * GBK text is almost never valid UTF-8 (its lead bytes 0x81–0xFE are followed by bytes UTF-8
 * forbids there), so trying UTF-8 strictly first tells the two apart without asking the user.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Node's full ICU decodes GBK (and GB18030, its superset, which Excel may also write).
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** CSV text → rows with their line numbers; blank lines are skipped, cells are trimmed. */
export function readCsvText(text: string): TableRowsResult {
  try {
    const records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { ok: true, rows: records.map((r) => ({ line: r.info.lines, cells: r.record })) };
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return {
      ok: false,
      issues: [{ path: line ? `第${line}行` : '文件', message: 'CSV 格式错误（引号未闭合等）' }],
    };
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/** The first worksheet of an .xlsx → rows with their row numbers; empty rows are skipped. */
export async function readXlsx(bytes: Uint8Array): Promise<TableRowsResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return {
      ok: false,
      issues: [{ path: '文件', message: 'Excel 文件无法读取，请重新保存为 .xlsx 或 CSV' }],
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: true, rows: [] };
  // Every row as wide as the widest: a row whose last cells are empty still has those columns,
  // as the same row saved as CSV would.
  const width = sheet.columnCount;
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).trim());
    if (cells.some((cell) => cell !== '')) rows.push({ line: number, cells });
  });
  return { ok: true, rows };
}

/** An uploaded file → rows: .xlsx by its name or its zip signature, anything else as CSV. */
export async function readTableFile(file: TableFile): Promise<TableRowsResult> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xls') || startsWith(file.bytes, OLE_MAGIC)) {
    return {
      ok: false,
      issues: [{ path: '文件', message: '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV' }],
    };
  }
  if (name.endsWith('.xlsx') || startsWith(file.bytes, ZIP_MAGIC)) return readXlsx(file.bytes);
  return readCsvText(decodeCsvBytes(file.bytes));
}
