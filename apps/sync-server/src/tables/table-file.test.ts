import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCommunitiesCsv, parseCommunitiesFile } from './community-csv.ts';
import { decodeCsvBytes, readTableFile } from './table-file.ts';

const CSV = '小区/自然村,路,弄,号,单元,室\n九亭小区,涞寅路,100,12,,301\n\n新姚村,,,3组25,,\n';

async function xlsxOf(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('户册');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const expected = [
  { line: 1, cells: ['小区/自然村', '路', '弄', '号', '单元', '室'] },
  { line: 2, cells: ['九亭小区', '涞寅路', '100', '12', '', '301'] },
  { line: 4, cells: ['新姚村', '', '', '3组25', '', ''] },
];

describe('reading an uploaded table file', () => {
  it('reads a UTF-8 CSV, with or without a BOM, naming each row by its line', async () => {
    const bytes = new TextEncoder().encode(CSV);
    expect(await readTableFile({ name: '户册.csv', bytes })).toEqual({ ok: true, rows: expected });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(await readTableFile({ name: '户册.csv', bytes: withBom })).toEqual({
      ok: true,
      rows: expected,
    });
  });

  it('reads a CSV that Chinese Excel saved in GBK', async () => {
    const bytes = new Uint8Array(iconv.encode(CSV, 'gbk'));
    // The same bytes are not UTF-8: read as UTF-8 the Chinese would be garbled.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(await readTableFile({ name: '户册.csv', bytes })).toEqual({ ok: true, rows: expected });
  });

  it('reads the first sheet of an .xlsx, numbers and blank trailing cells included', async () => {
    const bytes = await xlsxOf([
      ['小区/自然村', '路', '弄', '号', '单元', '室'],
      ['九亭小区', '涞寅路', 100, 12, null, 301],
      [],
      ['新姚村', null, null, '3组25'],
    ]);
    expect(await readTableFile({ name: '户册.xlsx', bytes })).toEqual({ ok: true, rows: expected });
  });

  it('refuses an old .xls and an unreadable .xlsx in Chinese', async () => {
    const xls = await readTableFile({
      name: '户册.xls',
      bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]),
    });
    expect(xls.ok ? null : xls.issues[0]?.message).toMatch(/另存为 \.xlsx 或 CSV/);
    const broken = await readTableFile({ name: '户册.xlsx', bytes: new Uint8Array([1, 2, 3]) });
    expect(broken.ok ? null : broken.issues[0]?.message).toMatch(/Excel 文件无法读取/);
  });

  it('names the line of an unclosed quote', async () => {
    const bytes = new TextEncoder().encode('a,b\n1,2\n"3,4\n');
    const result = await readTableFile({ name: 'x.csv', bytes });
    expect(result.ok ? null : result.issues[0]?.path).toBe('第3行');
  });

  it('decodes GBK only when the bytes are not UTF-8', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('九亭'))).toBe('九亭');
    expect(decodeCsvBytes(new Uint8Array(iconv.encode('九亭', 'gbk')))).toBe('九亭');
  });
});

describe('the community list from a GBK file, as Chinese Excel saves it', () => {
  it('imports the same communities as the UTF-8 text', async () => {
    const text = '编号,名称,类型,总户数,联系领导\nJT01,九亭居民区,导入居,1200,王某\n';
    const fromText = parseCommunitiesCsv(text);
    const fromGbk = await parseCommunitiesFile({
      name: '居民区.csv',
      bytes: new Uint8Array(iconv.encode(text, 'gbk')),
    });
    expect(fromText.ok).toBe(true);
    expect(fromGbk).toEqual(fromText);
  });
});
