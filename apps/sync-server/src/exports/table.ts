import type { SheetName } from './types.ts';

// Each sheet is first laid out as one table of plain values; the .xlsx and the CSV are two
// renderings of the same table, so they can never list different figures.

/**
 * How a column's values are written: `text` is always a string cell (never a formula),
 * `datetime` is an ISO date-time shown in Beijing time, `date` an ISO calendar date.
 */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'percent' | 'datetime' | 'date';

export interface Column {
  readonly header: string;
  readonly kind: ColumnKind;
  /** Width in Excel's character units. */
  readonly width: number;
}

export type CellValue = string | number | null;

export interface Table {
  readonly sheet: SheetName;
  readonly columns: readonly Column[];
  /** Iterated once, row by row (the responses sheet makes each row as it is written). */
  readonly rows: Iterable<readonly CellValue[]>;
  /** Indexes into `rows` of total lines, set in bold in the workbook. */
  readonly totalRowIndexes?: readonly number[];
  /** Leading columns that stay in view when scrolling right (the ones that name the row). */
  readonly frozenColumns?: number;
}

export const text = (header: string, width = 12): Column => ({ header, kind: 'text', width });
export const integer = (header: string, width = 10): Column => ({ header, kind: 'integer', width });
export const decimal = (header: string, width = 10): Column => ({ header, kind: 'decimal', width });
export const percent = (header: string, width = 10): Column => ({ header, kind: 'percent', width });
export const datetime = (header: string, width = 20): Column => ({
  header,
  kind: 'datetime',
  width,
});
export const date = (header: string, width = 12): Column => ({ header, kind: 'date', width });
