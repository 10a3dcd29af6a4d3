import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsv } from './csv.ts';
import { FIXTURE, R1 } from './export-fixture.ts';

const FORMULA_START = /^[=+\-@\t\r]/;
// Text that leans on what breaks CSV: formula starts, separators, quotes and line breaks.
const residentText = fc
  .array(
    fc.oneof(
      fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\r\n', ',', '"', "'", ' '),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

describe('buildCsv, for any text a resident types', () => {
  it('reads back as the same text, apostrophe-prefixed exactly when it could run as a formula', () => {
    fc.assert(
      fc.property(residentText, (typed) => {
        const response = { ...R1, answers: { ...R1.answers, q12: typed } };
        const csv = buildCsv('问卷明细', { ...FIXTURE, responses: [response] });
        const [header = [], row = []] = parse(csv, {
          bom: true,
          record_delimiter: '\r\n',
        }) as string[][];
        const cell = row[header.indexOf('12. 您对社区工作还有哪些意见和建议?')];
        expect(cell).toBe(FORMULA_START.test(typed) ? `'${typed}` : typed);
        expect(row).toHaveLength(header.length);
      }),
    );
  });
});
