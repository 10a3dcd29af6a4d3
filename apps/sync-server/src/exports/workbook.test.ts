import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIXTURE, HOSTILE, I1, I2, JT01, JT02, R1, R2, R3 } from './export-fixture.ts';
import { tallySuggestions } from './tallies.ts';
import { buildAssessmentWorkbook } from './workbook.ts';

const GENERATED_AT = new Date('2026-11-27T10:30:00Z');

async function openWorkbook(data = FIXTURE): Promise<ExcelJS.Workbook> {
  const bytes = await buildAssessmentWorkbook(data, { generatedAt: GENERATED_AT });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

const HEADER_ROW = 2;

function headers(sheet: ExcelJS.Worksheet): string[] {
  const values = sheet.getRow(HEADER_ROW).values as unknown[];
  return values.slice(1).map(String);
}

/** The cell under `header` in the data row that holds `key` (a record id or community). */
function cellAt(sheet: ExcelJS.Worksheet, key: string, header: string): ExcelJS.Cell {
  const column = headers(sheet).indexOf(header) + 1;
  if (column === 0) throw new Error(`no column ${header} in ${sheet.name}`);
  for (let r = HEADER_ROW + 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    if ((row.values as unknown[]).includes(key)) return row.getCell(column);
  }
  throw new Error(`no row ${key} in ${sheet.name}`);
}

describe('buildAssessmentWorkbook', () => {
  it('holds the six sheets the office expects, in order', async () => {
    const workbook = await openWorkbook();
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '汇总',
      '问卷明细',
      '访谈记录',
      '问题与建议',
      '户册核对',
      '走访记录',
    ]);
  });

  it('puts a title with the Beijing generation time above a frozen, filterable header row', async () => {
    const workbook = await openWorkbook();
    for (const sheet of workbook.worksheets) {
      expect(String(sheet.getCell('A1').value)).toContain('生成时间：2026-11-27 18:30:00');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
      // The columns that name a row stay in view when scrolling right.
      expect((sheet.views[0] as { xSplit?: number }).xSplit).toBeGreaterThanOrEqual(2);
      expect(sheet.autoFilter).toBeDefined();
      expect(JSON.stringify(sheet.autoFilter)).toContain(`${HEADER_ROW}`);
      expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(10);
    }
  });

  it('lists a community on 汇总 with its coverage as a percentage and every figure of the overview', async () => {
    const sheet = sheetOf(await openWorkbook(), '汇总');
    expect(headers(sheet).slice(0, 6)).toEqual([
      '居民区编号',
      '居民区',
      '类型',
      '总户数',
      '已调查户数',
      '覆盖率',
    ]);
    const coverage = cellAt(sheet, 'JT01', '覆盖率');
    expect(coverage.value).toBe(0.02);
    expect(coverage.numFmt).toContain('%');
    expect(cellAt(sheet, 'JT01', '类型').value).toBe('导入居');
    expect(cellAt(sheet, 'JT02', '类型').value).toBe('村改居');
    expect(cellAt(sheet, 'JT01', '已调查户数').value).toBe(2);
    expect(cellAt(sheet, 'JT01', '覆盖率达30%').value).toBe('否');
    expect(cellAt(sheet, 'JT02', '覆盖率达30%').value).toBe('是');
    expect(cellAt(sheet, 'JT01', '距30%尚差户数').value).toBe(28);
    expect(cellAt(sheet, 'JT01', '访谈总数').value).toBe(2);
    expect(cellAt(sheet, 'JT01', '访谈达20次').value).toBe('否');
    expect(cellAt(sheet, 'JT02', '访谈达20次').value).toBe('是');
    expect(cellAt(sheet, 'JT01', '访谈：残疾居民').value).toBe(1);
    expect(cellAt(sheet, 'JT01', '访谈：困难党员').value).toBe(0);
    expect(cellAt(sheet, 'JT01', '问卷平均分（满分100）').value).toBe(40.5);
    expect(cellAt(sheet, 'JT01', '满意度得分（满分30）').value).toBe(12.16);
    const last = cellAt(sheet, 'JT01', '最近采集时间（北京时间）').value as Date;
    expect(last.toISOString()).toBe('2026-11-20T10:30:00.000Z');
  });

  it('says on 汇总 which communities have no household register (未建户册)', async () => {
    const sheet = sheetOf(await openWorkbook(), '汇总');
    expect(cellAt(sheet, 'JT01', '户册').value).toBe('未建户册');
    expect(cellAt(sheet, 'JT01', '册外问卷数（待核对）').value).toBeNull();
    expect(cellAt(sheet, '全镇', '户册').value).toBe('0个已建');
  });

  it('ends 汇总 with a town line of sums, the town coverage and the household-weighted mean', async () => {
    const sheet = sheetOf(await openWorkbook(), '汇总');
    expect(cellAt(sheet, '全镇', '总户数').value).toBe(103);
    expect(cellAt(sheet, '全镇', '已调查户数').value).toBe(3);
    expect(cellAt(sheet, '全镇', '覆盖率').value).toBeCloseTo(3 / 103, 10);
    expect(cellAt(sheet, '全镇', '覆盖率达30%').value).toBe('1个达标');
    expect(cellAt(sheet, '全镇', '距30%尚差户数').value).toBe(28);
    expect(cellAt(sheet, '全镇', '问卷数').value).toBe(3);
    expect(cellAt(sheet, '全镇', '访谈总数').value).toBe(22);
    expect(cellAt(sheet, '全镇', '访谈：高龄独居老人').value).toBe(21);
    // (40.5 × 2 + 100 × 1) ÷ 3 responses
    expect(cellAt(sheet, '全镇', '问卷平均分（满分100）').value).toBe(60.33);
    expect(cellAt(sheet, '全镇', '满意度得分（满分30）').value).toBe(21.08);
    const last = cellAt(sheet, '全镇', '最近采集时间（北京时间）').value as Date;
    expect(last.toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(sheet.rowCount).toBe(HEADER_ROW + 3);
  });

  it("shows each response's chosen options, each scored question's points and the total on 问卷明细", async () => {
    const sheet = sheetOf(await openWorkbook(), '问卷明细');
    const h = headers(sheet);
    expect(h).toContain('3. 您是否知晓居民区党组织书记(主任)是谁?');
    expect(h.filter((header) => header.endsWith('题得分'))).toHaveLength(7);

    expect(cellAt(sheet, R1.id, '1. 您在本社区的身份').value).toBe('A. 业主');
    expect(cellAt(sheet, R1.id, '4. 居委会干部日常联系、走访的频次是').value).toBe('B. 一季度一次');
    expect(cellAt(sheet, R1.id, '第4题得分').value).toBe(10);
    expect(cellAt(sheet, R1.id, '第5题得分').value).toBe(11);
    expect(cellAt(sheet, R1.id, '第8题得分').value).toBe(12);
    expect(cellAt(sheet, R1.id, '问卷总分').value).toBe(78);
    expect(cellAt(sheet, R2.id, '问卷总分').value).toBe(3);
    expect(cellAt(sheet, R3.id, '问卷总分').value).toBe(100);
    // Options in the printed order, whatever order they were tapped in.
    expect(cellAt(sheet, R1.id, '10. 您认为小区内还存在哪些亟待解决的治理问题?').value).toBe(
      'A. 楼道堆物；H. 其他',
    );
    expect(cellAt(sheet, R1.id, '第10题“其他”内容').value).toBe(HOSTILE.hyperlink);
    expect(cellAt(sheet, R2.id, '第10题“其他”内容').value).toBeNull();
    // Excel's own line break inside a cell is LF.
    expect(cellAt(sheet, R3.id, '12. 您对社区工作还有哪些意见和建议?').value).toBe(
      '楼道灯坏了, 请修 "尽快"\n谢谢',
    );
    expect(cellAt(sheet, R2.id, '采集方式').value).toBe('扫码');
    expect(cellAt(sheet, R2.id, '采集员').value).toBe('扫码');
    expect(cellAt(sheet, R1.id, '户（门牌）').value).toBe('12号301室');
    const collected = cellAt(sheet, R1.id, '采集时间（北京时间）').value as Date;
    expect(collected.toISOString()).toBe('2026-11-20T09:15:00.000Z');
  });

  it('labels interviews in Chinese, the view on question 8’s scale, on 访谈记录', async () => {
    const sheet = sheetOf(await openWorkbook(), '访谈记录');
    expect(cellAt(sheet, I1.id, '访谈对象类别').value).toBe('高龄独居老人');
    expect(cellAt(sheet, I1.id, '访谈方式').value).toBe('上门访谈');
    expect(cellAt(sheet, I1.id, '对居委会工作的评价').value).toBe('比较满意');
    expect(cellAt(sheet, I2.id, '访谈对象类别').value).toBe('残疾居民');
    expect(cellAt(sheet, I2.id, '访谈方式').value).toBe('电话访谈');
    expect(cellAt(sheet, I2.id, '对居委会工作的评价').value).toBe('不满意');
    expect(cellAt(sheet, I1.id, '居民需求').value).toBe('希望加装电梯');
    expect(cellAt(sheet, I2.id, '备注').value).toBeNull();
    expect((cellAt(sheet, I1.id, '访谈日期').value as Date).toISOString()).toBe(
      '2026-11-18T00:00:00.000Z',
    );
  });

  it('tallies q10 and q11 per option, town-wide and per community, on 问题与建议', async () => {
    const sheet = sheetOf(await openWorkbook(), '问题与建议');
    expect(headers(sheet)).toEqual([
      '题目',
      '选项',
      '选项内容',
      '全镇',
      '全镇占答卷比例',
      '九亭一居',
      '涞寅村居',
    ]);
    const rows = sheet.getSheetValues().slice(HEADER_ROW + 1) as unknown[][];
    const line = (question: number, letter: string) => {
      const row = rows.find((r) => String(r[1]).startsWith(`${question}. `) && r[2] === letter);
      if (!row) throw new Error(`no line for ${question}${letter}`);
      return row.slice(3);
    };
    // The two blank label cells read back as empty (inline strings write no empty text).
    expect(rows[0]?.slice(1)).toEqual(['答卷数', undefined, undefined, 3, undefined, 2, 1]);
    expect(line(10, 'A')).toEqual(['楼道堆物', 2, 2 / 3, 1, 1]);
    expect(line(10, 'C')).toEqual(['电瓶车乱停乱放', 1, 1 / 3, 0, 1]);
    expect(line(10, 'I')).toEqual(['无', 1, 1 / 3, 1, 0]);
    expect(line(10, 'D')).toEqual(['高空抛物', 0, 0, 0, 0]);
    expect(line(11, 'A')).toEqual(['多一些为老服务', 2, 2 / 3, 2, 0]);
    expect(line(11, 'F')).toEqual(['物业管理更规范', 1, 1 / 3, 0, 1]);
    // q10 prints A–I, q11 prints A–D, F, G: one line per printed option.
    expect(rows).toHaveLength(1 + 9 + 6);
  });

  it('reads the year’s responses once for the whole workbook, and 问题与建议 counts the same as counting them apart', async () => {
    let passes = 0;
    const responses = {
      *[Symbol.iterator]() {
        passes += 1;
        yield* FIXTURE.responses;
      },
    };
    const bytes = await buildAssessmentWorkbook(
      { ...FIXTURE, responses },
      { generatedAt: GENERATED_AT },
    );
    expect(passes).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = sheetOf(workbook, '问题与建议');
    const tallies = tallySuggestions(FIXTURE);
    const rows = sheet.getSheetValues().slice(HEADER_ROW + 1) as unknown[][];
    expect(rows.map((r) => r[4])).toEqual([
      tallies.respondents.town,
      ...tallies.options.map((o) => o.town),
    ]);
  });

  it('shows dates as date-times, percentages as percentages, wide texts wrapped and only the town line in bold', async () => {
    const workbook = await openWorkbook();
    const summary = sheetOf(workbook, '汇总');
    expect(cellAt(summary, '全镇', '总户数').font?.bold).toBe(true);
    expect(cellAt(summary, '全镇', '覆盖率').numFmt).toBe('0.0%');
    expect(cellAt(summary, 'JT01', '总户数').font?.bold).toBeFalsy();
    expect(cellAt(summary, 'JT01', '最近采集时间（北京时间）').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    const responses = sheetOf(workbook, '问卷明细');
    expect(cellAt(responses, R1.id, '采集时间（北京时间）').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(cellAt(responses, R1.id, '问卷总分').numFmt).toBe('0');
    expect(cellAt(responses, R1.id, '问卷总分').font?.bold).toBeFalsy();
    const suggestion = cellAt(responses, R3.id, '12. 您对社区工作还有哪些意见和建议?');
    expect(suggestion.alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(cellAt(responses, R1.id, '居民区编号').alignment?.wrapText).toBeFalsy();
    const interviews = sheetOf(workbook, '访谈记录');
    expect(cellAt(interviews, I1.id, '访谈日期').numFmt).toBe('yyyy-mm-dd');
    const tallies = sheetOf(workbook, '问题与建议');
    expect(tallies.getRow(HEADER_ROW + 1).getCell(4).font?.bold).toBe(true);
    expect(tallies.getRow(HEADER_ROW + 2).getCell(4).font?.bold).toBeFalsy();
  });

  it('stores text that looks like a formula as a plain string cell, never a formula', async () => {
    const workbook = await openWorkbook();
    const responses = sheetOf(workbook, '问卷明细');
    const cells = [
      cellAt(responses, R1.id, '第10题“其他”内容'),
      cellAt(responses, R1.id, '第11题“其他”内容'),
      cellAt(responses, R1.id, '12. 您对社区工作还有哪些意见和建议?'),
      cellAt(responses, R2.id, '12. 您对社区工作还有哪些意见和建议?'),
      cellAt(sheetOf(workbook, '访谈记录'), I1.id, '反映的问题'),
    ];
    expect(cells.map((cell) => cell.value)).toEqual([
      HOSTILE.hyperlink,
      HOSTILE.command,
      HOSTILE.arithmetic,
      HOSTILE.at,
      HOSTILE.interviewProblem,
    ]);
    for (const cell of cells) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
  });

  it('drops characters XML cannot hold, so pasted text never makes Excel call the file corrupt', async () => {
    const pasted = { ...R1, answers: { ...R1.answers, q12: 'a\u000Bb\u0000c\uFFFEd\uD800e' } };
    const workbook = await openWorkbook({ ...FIXTURE, responses: [pasted] });
    const sheet = sheetOf(workbook, '问卷明细');
    expect(cellAt(sheet, R1.id, '12. 您对社区工作还有哪些意见和建议?').value).toBe('abcd\uFFFDe');
  });

  it('refuses, naming the record, a response whose answers cannot be scored', async () => {
    const broken = { ...R2, answers: { ...R2.answers, q4: 'Z' } };
    await expect(
      buildAssessmentWorkbook({ ...FIXTURE, responses: [broken] }, { generatedAt: GENERATED_AT }),
    ).rejects.toThrow(`问卷 ${R2.id} 的答案无法计分`);
  });

  it('weighs the town mean by surveyed households, so a repeat answer does not tilt it', async () => {
    // JT02's one household answered three times (two repeats, not counted): its mean of 100 is
    // one household's, against JT01's two households at 40.5.
    const withRepeats = {
      ...FIXTURE,
      communities: [JT01, { ...JT02, responses: 3, repeats: 2 }],
    };
    const sheet = sheetOf(await openWorkbook(withRepeats), '汇总');
    expect(cellAt(sheet, '全镇', '问卷平均分（满分100）').value).toBe(
      Math.round(((40.5 * 2 + 100 * 1) / 3) * 100) / 100,
    );
  });

  it('rounds a mean to 0.01 half up on its decimal value, as the satisfaction points are', async () => {
    const sheet = sheetOf(
      await openWorkbook({ ...FIXTURE, communities: [{ ...JT01, meanSurveyScore: 18.525 }, JT02] }),
      '汇总',
    );
    expect(cellAt(sheet, 'JT01', '问卷平均分（满分100）').value).toBe(18.53);
  });

  it('builds an empty workbook with headers and a zero town line when nothing is collected yet', async () => {
    const workbook = await openWorkbook({
      communities: [],
      responses: [],
      interviews: [],
      registerCheck: [],
    });
    const summary = sheetOf(workbook, '汇总');
    expect(cellAt(summary, '全镇', '问卷数').value).toBe(0);
    expect(cellAt(summary, '全镇', '问卷平均分（满分100）').value).toBeNull();
    expect(sheetOf(workbook, '问卷明细').rowCount).toBe(HEADER_ROW);
  });
});
