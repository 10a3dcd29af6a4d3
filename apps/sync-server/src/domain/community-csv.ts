import type { FieldIssue } from '@jiuting/questionnaire';
import { CommunityCodeSchema } from '@jiuting/questionnaire';
import { parse } from 'csv-parse/sync';
import type { Community } from '../repositories/communities.ts';

const ENGLISH_HEADER = ['code', 'name', 'type', 'totalHouseholds', 'liaisonLeader'];
const CHINESE_HEADER = ['编号', '名称', '类型', '总户数', '联系领导'];
const TYPES = new Set(['导入居', '村改居']);

export type CsvResult = { ok: true; rows: Community[] } | { ok: false; issues: FieldIssue[] };

/**
 * Reads the town's community list: a header row (English or Chinese) then one community a line.
 * Every bad line is reported by its line number in the file; any bad line means nothing is kept.
 */
export function parseCommunitiesCsv(text: string): CsvResult {
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
  const names = header?.record.map((h) => h.trim()) ?? [];
  const isHeader = (expected: string[]) =>
    expected.length === names.length && expected.every((h, i) => names[i] === h);
  if (!header || !(isHeader(ENGLISH_HEADER) || isHeader(CHINESE_HEADER))) {
    return {
      ok: false,
      issues: [
        {
          path: '第1行',
          message: `第一行应为表头：${CHINESE_HEADER.join(',')}（或 ${ENGLISH_HEADER.join(',')}）`,
        },
      ],
    };
  }
  if (body.length === 0) {
    return { ok: false, issues: [{ path: '文件', message: '文件中没有居民区' }] };
  }

  const issues: FieldIssue[] = [];
  const rows: Community[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    const problems: string[] = [];
    const [code = '', name = '', type = '', total = '', leader = ''] = record;
    if (record.length !== 5) problems.push(`应有 5 列，实际 ${record.length} 列`);
    if (!CommunityCodeSchema.safeParse(code).success) {
      problems.push('编号只能包含字母、数字、下划线或连字符（1–32 位）');
    } else if (seen.has(code)) {
      problems.push(`编号 ${code} 与第${seen.get(code)}行重复`);
    }
    if (name.length === 0 || name.length > 50) problems.push('名称不能为空且不超过 50 个字');
    if (!TYPES.has(type)) problems.push('类型应为“导入居”或“村改居”');
    if (!/^[0-9]{1,6}$/.test(total) || Number(total) < 1) problems.push('总户数应为正整数');
    if (leader.length > 50) problems.push('联系领导不能超过 50 个字');
    if (problems.length > 0) {
      issues.push({ path: `第${line}行`, message: problems.join('；') });
      continue;
    }
    seen.set(code, line);
    rows.push({
      code,
      name,
      type: type as Community['type'],
      totalHouseholds: Number(total),
      liaisonLeader: leader,
    });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}
