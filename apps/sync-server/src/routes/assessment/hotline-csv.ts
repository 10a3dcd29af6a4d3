import { type CsvRowsResult, type CsvRowsSpec, parseCsvRows } from '../../tables/csv-rows.ts';

// 城运中心's 12345 hotline work-order figures, one community a line. They are the basis the
// department reads when it scores `mass.hotline.work-orders`; they are not points themselves.

export const HOTLINE_CHINESE_HEADER = ['居民区编号', '今年工单数', '去年工单数', '满意率'];
export const HOTLINE_ENGLISH_HEADER = [
  'code',
  'ordersThisYear',
  'ordersLastYear',
  'satisfactionRate',
];

export interface HotlineRow {
  communityCode: string;
  ordersThisYear: number;
  ordersLastYear: number;
  /** Percent, 0–100. */
  satisfactionRate: number;
}

export type HotlineCsvResult = CsvRowsResult<HotlineRow>;

const COUNT = /^[0-9]{1,7}$/;
// "96.5", "96.5%" or "100": a percent with at most two decimals.
const RATE = /^([0-9]{1,3})(\.[0-9]{1,2})?%?$/;

/**
 * Every bad line is reported by its line number in the file; any bad line means nothing is kept.
 * `knownCodes` are the town's communities: a code outside them is a bad line, not a new community.
 */
export function parseHotlineCsv(text: string, knownCodes: ReadonlySet<string>): HotlineCsvResult {
  return parseCsvRows(text, hotlineTable(knownCodes));
}

/** The hotline table's header and line rules, for `parseTableRows` of an uploaded file. */
export function hotlineTable(knownCodes: ReadonlySet<string>): CsvRowsSpec<HotlineRow> {
  return {
    headers: [HOTLINE_CHINESE_HEADER, HOTLINE_ENGLISH_HEADER],
    emptyMessage: '文件中没有居民区的工单数据',
    readLine(record, firstLineOf) {
      const problems: string[] = [];
      const [code = '', thisYear = '', lastYear = '', rate = ''] = record;
      if (record.length !== 4) problems.push(`应有 4 列，实际 ${record.length} 列`);
      if (!knownCodes.has(code)) problems.push(`没有编号为“${code}”的居民区`);
      else if (firstLineOf(code) !== undefined) {
        problems.push(`居民区 ${code} 与第${firstLineOf(code)}行重复`);
      }
      if (!COUNT.test(thisYear)) problems.push('今年工单数应为不小于 0 的整数');
      if (!COUNT.test(lastYear)) problems.push('去年工单数应为不小于 0 的整数');
      const rateMatch = RATE.exec(rate);
      const ratePercent = rateMatch ? Number(rate.replace('%', '')) : Number.NaN;
      if (!rateMatch || ratePercent > 100) {
        problems.push('满意率应为 0–100 之间的百分数（如 96.5 或 96.5%）');
      }
      if (problems.length > 0) return { problems };
      return {
        key: code,
        row: {
          communityCode: code,
          ordersThisYear: Number(thisYear),
          ordersLastYear: Number(lastYear),
          satisfactionRate: ratePercent,
        },
      };
    },
  };
}
