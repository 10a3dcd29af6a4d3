import {
  composeHouseholdAddress,
  containsPersonalIdentifier,
  containsUnsafeCharacter,
  formatHouseholdKey,
  type HouseholdAddress,
  parseHouseholdAddress,
} from '@jiuting/questionnaire';
import type { CsvRowsResult, CsvRowsSpec } from './csv-rows.ts';

// The 户册 file a coordinator imports: one household a line, the way the 居委会's ledger has it.

export const REGISTER_HEADER = ['小区/自然村', '路', '弄', '号', '单元', '室', '状态'] as const;
export const REGISTER_STATUSES = ['居住', '空置', '非住宅'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

export interface RegisterHousehold {
  householdKey: string;
  area: string;
  road: string;
  lane: string;
  /** 组 + 弄 + 号 as the key prints them: one building (or house) of the coverage grid. */
  building: string;
  unit: string;
  room: string;
  status: RegisterStatus;
}

/** The template a coordinator downloads: the header, a flat, a village house and a vacant one. */
export const REGISTER_TEMPLATE_CSV = `\uFEFF${[
  REGISTER_HEADER.join(','),
  '九亭小区,涞寅路,100,12,1,301,居住',
  '九亭小区,涞寅路,200,12,,301,居住',
  '新姚村,,,3组25,,,居住',
  '九亭小区,涞寅路,100,12,1,302,空置',
].join('\r\n')}\r\n`;

export const REGISTER_TABLE: CsvRowsSpec<RegisterHousehold> = {
  // 状态 is optional: a file without the column has every household 居住.
  headers: [[...REGISTER_HEADER], REGISTER_HEADER.slice(0, 6)],
  trimHeaderCells: true,
  emptyMessage: '文件中没有户',
  readLine(record, firstLineOf) {
    const problems: string[] = [];
    const [area = '', road = '', lane = '', building = '', unit = '', room = '', status = ''] =
      record;
    if (record.length < 6 || record.length > 7) {
      problems.push(`应有 6 或 7 列，实际 ${record.length} 列`);
    }
    if (area === '') problems.push('小区/自然村不能为空');
    if (building === '') problems.push('号不能为空');
    if (record.some(containsUnsafeCharacter)) problems.push('含有不允许的特殊字符');
    // Cell by cell: joined, `100` + `13812345678` would hide the number among other digits.
    if (record.some(containsPersonalIdentifier)) {
      problems.push('户册只记地址，不能包含手机号码或身份证号码');
    }
    const statusOf = status === '' ? '居住' : status;
    if (!(REGISTER_STATUSES as readonly string[]).includes(statusOf)) {
      problems.push('状态应为“居住”“空置”或“非住宅”（可空，空为居住）');
    }
    const parsed =
      problems.length === 0
        ? parseHouseholdAddress(composeHouseholdAddress({ area, road, lane, building, unit, room }))
        : null;
    if (problems.length === 0 && parsed === null) {
      problems.push('无法识别门牌：请写明号（楼号或门牌号），楼房请写室号');
    }
    if (problems.length > 0 || parsed === null) return { problems };
    const key = formatHouseholdKey(parsed);
    const earlier = firstLineOf(key);
    if (earlier !== undefined) return { problems: [`与第${earlier}行是同一户（${key}）`] };
    return { key, row: registerHouseholdOf(parsed, statusOf as RegisterStatus) };
  },
};

/** A parsed address as a register row: its building is 组 + 弄 + 号 as the key prints them. */
export function registerHouseholdOf(
  parsed: HouseholdAddress,
  status: RegisterStatus,
): RegisterHousehold {
  return {
    householdKey: formatHouseholdKey(parsed),
    area: parsed.area ?? '',
    road: parsed.road ?? '',
    lane: parsed.lane ?? '',
    building: formatHouseholdKey({
      group: parsed.group,
      lane: parsed.lane,
      building: parsed.building,
    }),
    unit: parsed.unit ?? '',
    room: parsed.room ?? '',
    status,
  };
}

export type RegisterFileResult = CsvRowsResult<RegisterHousehold>;
