import {
  CommunityCodeSchema,
  containsUnsafeCharacter,
  UNSAFE_CHARACTER_MESSAGE,
} from '@jiuting/questionnaire';
import type { Community } from '../repositories/communities.ts';
import { type CsvRowsResult, type CsvRowsSpec, parseCsvRows, parseTableFile } from './csv-rows.ts';
import type { TableFile } from './table-file.ts';

const ENGLISH_HEADER = ['code', 'name', 'type', 'totalHouseholds', 'liaisonLeader'];
const CHINESE_HEADER = ['编号', '名称', '类型', '总户数', '联系领导'];
const TYPES = new Set(['导入居', '村改居']);

export type CsvResult = CsvRowsResult<Community>;

/**
 * Reads the town's community list: a header row (English or Chinese) then one community a line.
 * Every bad line is reported by its line number in the file; any bad line means nothing is kept.
 */
export function parseCommunitiesCsv(text: string): CsvResult {
  return parseCsvRows(text, COMMUNITIES_TABLE);
}

/** The same list uploaded as a file: CSV in UTF-8 or GBK, or .xlsx. */
export function parseCommunitiesFile(file: TableFile): Promise<CsvResult> {
  return parseTableFile(file, COMMUNITIES_TABLE);
}

export const COMMUNITIES_TABLE: CsvRowsSpec<Community> = {
  headers: [CHINESE_HEADER, ENGLISH_HEADER],
  trimHeaderCells: true,
  emptyMessage: '文件中没有居民区',
  readLine(record, firstLineOf) {
    const problems: string[] = [];
    const [code = '', name = '', type = '', total = '', leader = ''] = record;
    if (record.length !== 5) problems.push(`应有 5 列，实际 ${record.length} 列`);
    if (!CommunityCodeSchema.safeParse(code).success) {
      problems.push('编号只能包含字母、数字、下划线或连字符（1–32 位）');
    } else if (code in Object.prototype) {
      // Codes key per-community tallies in the server and the app; `constructor` or
      // `__proto__` there would find Object.prototype's members instead.
      problems.push(`编号 ${code} 是保留字，请换一个编号`);
    } else if (firstLineOf(code) !== undefined) {
      problems.push(`编号 ${code} 与第${firstLineOf(code)}行重复`);
    }
    if (name.length === 0 || name.length > 50) problems.push('名称不能为空且不超过 50 个字');
    if (!TYPES.has(type)) problems.push('类型应为“导入居”或“村改居”');
    if (!/^[0-9]{1,6}$/.test(total) || Number(total) < 1) problems.push('总户数应为正整数');
    if (leader.length > 50) problems.push('联系领导不能超过 50 个字');
    if (containsUnsafeCharacter(name) || containsUnsafeCharacter(leader)) {
      problems.push(`名称或联系领导${UNSAFE_CHARACTER_MESSAGE}`);
    }
    if (problems.length > 0) return { problems };
    return {
      key: code,
      row: {
        code,
        name,
        type: type as Community['type'],
        totalHouseholds: Number(total),
        liaisonLeader: leader,
      },
    };
  },
};
