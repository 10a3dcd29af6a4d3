import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildCsv, neutraliseFormula, quoteCsvField } from './csv.ts';
import { FIXTURE, HOSTILE, I1, R1, R2, R3 } from './export-fixture.ts';
import { SHEET_NAMES } from './types.ts';

/** Parses a CSV the way a spreadsheet or script would, strictly (RFC 4180, CRLF only). */
function records(csv: string): string[][] {
  return parse(csv, { bom: true, record_delimiter: '\r\n', relax_quotes: false }) as string[][];
}

/** The row holding `id` (a record id or community), read by header. */
function rowFor(table: string[][], id: string): (header: string) => string | undefined {
  const [header = [], ...rows] = table;
  const row = rows.find((r) => r.includes(id));
  if (!row) throw new Error(`no row ${id}`);
  return (name) => {
    const index = header.indexOf(name);
    if (index === -1) throw new Error(`no column ${name}`);
    return row[index];
  };
}

describe('buildCsv', () => {
  it('starts every sheet with a UTF-8 byte-order mark so Excel on Windows reads the Chinese', () => {
    for (const sheet of SHEET_NAMES) {
      const csv = buildCsv(sheet, FIXTURE);
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    }
  });

  it('ends every line with CRLF and gives each line as many fields as the header', () => {
    for (const sheet of SHEET_NAMES) {
      const csv = buildCsv(sheet, FIXTURE);
      expect(csv.endsWith('\r\n')).toBe(true);
      const table = records(csv);
      const width = table[0]?.length ?? 0;
      expect(width).toBeGreaterThan(3);
      for (const row of table) expect(row).toHaveLength(width);
    }
  });

  it('starts with the header, not a title line, so any tool can read it', () => {
    const [header] = records(buildCsv('汇总', FIXTURE));
    expect(header?.slice(0, 3)).toEqual(['居民区编号', '居民区', '类型']);
  });

  it('keeps commas, quotes and line breaks inside a resident’s answer as one field', () => {
    const row = rowFor(records(buildCsv('问卷明细', FIXTURE)), R3.id);
    expect(row('12. 您对社区工作还有哪些意见和建议?')).toBe(R3.answers.q12);
  });

  it('neutralises resident text that a spreadsheet would run as a formula', () => {
    const responses = records(buildCsv('问卷明细', FIXTURE));
    const r1 = rowFor(responses, R1.id);
    expect(r1('第10题“其他”内容')).toBe(`'${HOSTILE.hyperlink}`);
    expect(r1('第11题“其他”内容')).toBe(`'${HOSTILE.command}`);
    expect(r1('12. 您对社区工作还有哪些意见和建议?')).toBe(`'${HOSTILE.arithmetic}`);
    expect(rowFor(responses, R2.id)('12. 您对社区工作还有哪些意见和建议?')).toBe(`'${HOSTILE.at}`);
    const interview = rowFor(records(buildCsv('访谈记录', FIXTURE)), I1.id);
    expect(interview('反映的问题')).toBe(`'${HOSTILE.interviewProblem}`);
    expect(interview('居民需求')).toBe('希望加装电梯');
  });

  it('writes the same figures as the workbook: points, totals, coverage and Beijing times', () => {
    const r1 = rowFor(records(buildCsv('问卷明细', FIXTURE)), R1.id);
    expect(r1('第3题得分')).toBe('10');
    expect(r1('问卷总分')).toBe('78');
    expect(r1('10. 您认为小区内还存在哪些亟待解决的治理问题?')).toBe('A. 楼道堆物；H. 其他');
    expect(r1('采集方式')).toBe('上门');
    expect(r1('采集时间（北京时间）')).toBe('2026-11-20 09:15:00');

    const summary = records(buildCsv('汇总', FIXTURE));
    expect(rowFor(summary, 'JT01')('覆盖率')).toBe('2.0%');
    expect(rowFor(summary, 'JT02')('覆盖率')).toBe('33.3%');
    expect(rowFor(summary, '全镇')('问卷平均分（满分100）')).toBe('60.33');
    expect(rowFor(summary, '全镇')('访谈总数')).toBe('22');
    expect(rowFor(summary, 'JT01')('最近采集时间（北京时间）')).toBe('2026-11-20 10:30:00');

    const tallies = records(buildCsv('问题与建议', FIXTURE));
    const q10a = tallies.find((r) => r[0]?.startsWith('10. ') && r[1] === 'A');
    expect(q10a).toEqual([expect.any(String), 'A', '楼道堆物', '2', '66.7%', '1', '1']);
  });

  it('refuses a sheet it does not have with a Chinese message', () => {
    expect(() => buildCsv('其他' as never, FIXTURE)).toThrow('没有名为“其他”的表');
  });
});

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1'])('prefixes %j with an apostrophe', (cell) => {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
  });

  it.each(['楼道堆物', '12号301室', 'a=b', ' =1', ''])('leaves %j as it is', (cell) => {
    expect(neutraliseFormula(cell)).toBe(cell);
  });
});

describe('quoteCsvField', () => {
  it('quotes a field with a comma, a quote or a line break and doubles its quotes', () => {
    expect(quoteCsvField('a,b')).toBe('"a,b"');
    expect(quoteCsvField('说"好"')).toBe('"说""好"""');
    expect(quoteCsvField('a\nb')).toBe('"a\nb"');
    expect(quoteCsvField('a\r\nb')).toBe('"a\r\nb"');
    expect(quoteCsvField('plain')).toBe('plain');
  });
});
