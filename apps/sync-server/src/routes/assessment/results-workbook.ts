import { COMMUNITY_TYPES, INDICATORS, ITEMS, itemTitle } from '@jiuting/scorecard';
import ExcelJS from 'exceljs';
import { cellText } from '../../exports/workbook.ts';
import type { CommunityResult } from '../../services/assessment/results.ts';

// The year's results laid out like 附件2: one sheet per community type, one row per community,
// an indicator row above the item row, every item's points, then bonus, deductions, total and
// grade. Plain data in, .xlsx bytes out: no database, no clock. Names are only ever assigned as
// plain strings (exceljs writes a formula only for `{ formula }` values), and cellText drops the
// characters XML refuses, as in the survey export.

export const RESULTS_TITLE_ROW = 1;
export const RESULTS_INDICATOR_ROW = 2;
export const RESULTS_HEADER_ROW = 3;

/** Column headers on row 3, in order; the test reads cells by these. */
export function resultsHeaders(): string[] {
  return [
    '排名',
    '居民区编号',
    '居民区',
    ...ITEMS.map((item) => `${itemTitle(item)}（${item.points}分）`),
    '指标得分',
    '加分',
    '扣分',
    '总分',
    '等次',
    '是否完整',
    '问卷覆盖率',
    '覆盖率提示',
    '访谈人数',
  ];
}

const LEADING = 3;

export async function buildResultsWorkbook(
  data: {
    readonly year: number;
    readonly locked: boolean;
    readonly communities: readonly CommunityResult[];
    /** The year's settings and lock exceptions, in words: one line each on the 说明 sheet. */
    readonly notes?: readonly string[];
  },
  options: { readonly generatedAt: Date },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '九亭镇居民区组织综合性考核';
  workbook.created = options.generatedAt;
  workbook.modified = options.generatedAt;
  const headers = resultsHeaders();

  for (const type of COMMUNITY_TYPES) {
    const sheet = workbook.addWorksheet(type, {
      views: [{ state: 'frozen', xSplit: LEADING, ySplit: RESULTS_HEADER_ROW }],
    });
    sheet.columns = headers.map((h, i) => ({
      width: i === 2 ? 26 : i < LEADING ? 10 : Math.max(9, Math.min(16, h.length + 2)),
    }));

    const title = sheet.getCell(RESULTS_TITLE_ROW, 1);
    title.value = `${data.year} 年九亭镇居民区组织综合性考核结果（${type}）${data.locked ? '' : '　未定案，仅供参考'}`;
    title.font = { bold: true, size: 13 };

    // Row 2 names each first-level indicator over its items, as 附件2 prints it.
    const indicatorRow = sheet.getRow(RESULTS_INDICATOR_ROW);
    let column = LEADING + 1;
    for (const indicator of INDICATORS) {
      const first = column;
      column += indicator.items.length;
      indicatorRow.getCell(first).value =
        `${indicator.number}. ${indicator.name}（${indicator.points}分）`;
      if (indicator.items.length > 1) {
        sheet.mergeCells(RESULTS_INDICATOR_ROW, first, RESULTS_INDICATOR_ROW, column - 1);
      }
    }
    const headerRow = sheet.getRow(RESULTS_HEADER_ROW);
    headers.forEach((h, i) => {
      headerRow.getCell(i + 1).value = h;
    });
    for (const row of [indicatorRow, headerRow]) {
      row.font = { bold: true };
      row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      row.height = 36;
    }

    const rows = data.communities.filter((c) => c.type === type);
    rows.forEach((c, index) => {
      const row = sheet.getRow(RESULTS_HEADER_ROW + 1 + index);
      const values: (string | number | null)[] = [
        c.rank,
        cellText(c.code),
        cellText(c.name),
        ...ITEMS.map((item) => c.items[item.id]),
        c.indicatorPoints,
        c.bonus.points,
        c.deductions.points,
        c.total,
        c.grade ?? '待定',
        c.complete ? '是' : '否',
        c.coverage
          ? `${(c.coverage.ratio * 100).toFixed(1)}%（${c.coverage.surveyed}/${c.coverage.total} 户）`
          : null,
        // The plan's 30% floor, flagged beside the satisfaction figures it stands behind.
        c.coverageBelowFloor ? '低于30%' : null,
        c.interviews ? c.interviews.count : null,
      ];
      values.forEach((value, i) => {
        const cell = row.getCell(i + 1);
        cell.value = value;
        if (typeof value === 'number' && i >= LEADING) cell.numFmt = '0.0#';
      });
    });
  }
  const notes = workbook.addWorksheet('说明');
  notes.getColumn(1).width = 100;
  notes.getCell(1, 1).value = `${data.year} 年度考核的设置与说明`;
  notes.getCell(1, 1).font = { bold: true };
  (data.notes ?? []).forEach((line, index) => {
    notes.getCell(2 + index, 1).value = cellText(line);
  });
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes as ArrayBuffer);
}
