import type { FieldIssue } from '@jiuting/questionnaire';
import { parse } from 'csv-parse/sync';

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

export type HotlineCsvResult =
  | { ok: true; rows: HotlineRow[] }
  | { ok: false; issues: FieldIssue[] };

const COUNT = /^[0-9]{1,7}$/;
// "96.5", "96.5%" or "100": a percent with at most two decimals.
const RATE = /^([0-9]{1,3})(\.[0-9]{1,2})?%?$/;

/**
 * Every bad line is reported by its line number in the file; any bad line means nothing is kept.
 * `knownCodes` are the town's communities: a code outside them is a bad line, not a new community.
 */
export function parseHotlineCsv(text: string, knownCodes: ReadonlySet<string>): HotlineCsvResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return {
      ok: false,
      issues: [{ path: line ? `第${line}行` : '文件', message: 'CSV 格式错误（引号未闭合等）' }],
    };
  }
  const [header, ...body] = records;
  const names = header?.record ?? [];
  const isHeader = (expected: string[]) =>
    expected.length === names.length && expected.every((h, i) => names[i] === h);
  if (!header || !(isHeader(HOTLINE_CHINESE_HEADER) || isHeader(HOTLINE_ENGLISH_HEADER))) {
    return {
      ok: false,
      issues: [
        {
          path: '第1行',
          message: `第一行应为表头：${HOTLINE_CHINESE_HEADER.join(',')}（或 ${HOTLINE_ENGLISH_HEADER.join(',')}）`,
        },
      ],
    };
  }
  if (body.length === 0) {
    return { ok: false, issues: [{ path: '文件', message: '文件中没有居民区的工单数据' }] };
  }

  const issues: FieldIssue[] = [];
  const rows: HotlineRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    const problems: string[] = [];
    const [code = '', thisYear = '', lastYear = '', rate = ''] = record;
    if (record.length !== 4) problems.push(`应有 4 列，实际 ${record.length} 列`);
    if (!knownCodes.has(code)) problems.push(`没有编号为“${code}”的居民区`);
    else if (seen.has(code)) problems.push(`居民区 ${code} 与第${seen.get(code)}行重复`);
    if (!COUNT.test(thisYear)) problems.push('今年工单数应为不小于 0 的整数');
    if (!COUNT.test(lastYear)) problems.push('去年工单数应为不小于 0 的整数');
    const rateMatch = RATE.exec(rate);
    const ratePercent = rateMatch ? Number(rate.replace('%', '')) : Number.NaN;
    if (!rateMatch || ratePercent > 100) {
      problems.push('满意率应为 0–100 之间的百分数（如 96.5 或 96.5%）');
    }
    if (problems.length > 0) {
      issues.push({ path: `第${line}行`, message: problems.join('；') });
      continue;
    }
    seen.set(code, line);
    rows.push({
      communityCode: code,
      ordersThisYear: Number(thisYear),
      ordersLastYear: Number(lastYear),
      satisfactionRate: ratePercent,
    });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}
