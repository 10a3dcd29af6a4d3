import fc from 'fast-check';
import { expect, it } from 'vitest';
import { neutraliseFormula, quoteCsvField, tableCsvLines } from './csv.ts';
import { type CellValue, type Column, decimal, integer, percent, text } from './table.ts';

// The CSV writer makes each distinct value's field once per column and stops looking values up
// in a column that keeps giving new ones. Whatever the mix of repeats and new values, every line
// must be what writing each cell afresh gives.

const COLUMNS: readonly Column[] = [
  text('标签'),
  integer('得分'),
  decimal('均分'),
  percent('覆盖率'),
];

/** A cell written afresh, as the writer did before it kept fields (numbers are guarded too). */
function fresh(value: CellValue, column: Column): string {
  let cell: string;
  if (value === null) cell = '';
  else if (typeof value === 'string') cell = value;
  else if (column.kind === 'decimal') cell = value.toFixed(2);
  else if (column.kind === 'percent') cell = `${(value * 100).toFixed(1)}%`;
  else cell = String(value);
  return quoteCsvField(neutraliseFormula(cell));
}

const label = fc.oneof(
  fc.constantFrom('A. 满意', 'B. 比较满意', '=1+1', '-2', '"引号",逗号', '第一行\r\n第二行', ''),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const cell = (column: Column): fc.Arbitrary<CellValue> =>
  column.kind === 'text'
    ? fc.option(label, { nil: null })
    : fc.option(
        fc
          .oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: -1e6, max: 1e6 }))
          .map((n) => (column.kind === 'integer' ? n : n / 7)),
        { nil: null },
      );
const row = fc.tuple(...COLUMNS.map(cell));

it('writes every line as writing each cell afresh would, past the kept values of a column', () => {
  fc.assert(
    fc.property(
      // Sometimes more distinct values than a column keeps, so the cut-off is crossed.
      fc.array(row, { maxLength: 40 }),
      fc.integer({ min: 0, max: 1_500 }),
      (rows, uniques) => {
        const all: CellValue[][] = [
          ...rows,
          ...Array.from({ length: uniques }, (_, i) => [`户${i}`, i, i / 3, i / 1000]),
          ...rows,
        ];
        const lines = [...tableCsvLines({ sheet: '汇总', columns: COLUMNS, rows: all })];
        expect(lines.slice(1)).toEqual(
          all.map(
            (cells) => `${cells.map((v, i) => fresh(v, COLUMNS[i] as Column)).join(',')}\r\n`,
          ),
        );
      },
    ),
    { numRuns: 60 },
  );
});
