import {
  DEDUCTION_KINDS,
  HONOUR_LEVEL_NAMES,
  INDICATORS,
  ITEMS,
  type ItemId,
  itemTitle,
} from '@jiuting/scorecard';

// Names a coordinator reads, all from @jiuting/scorecard so the screen and the export agree.

export interface ItemColumn {
  readonly id: ItemId;
  /** "2.1": indicator number, item within it (as 附件2 numbers them). */
  readonly short: string;
  readonly title: string;
  readonly points: number;
}

export const ITEM_COLUMNS: readonly ItemColumn[] = INDICATORS.flatMap((indicator) =>
  indicator.items.map((item, index) => ({
    id: item.id,
    short: indicator.items.length > 1 ? `${indicator.number}.${index + 1}` : `${indicator.number}`,
    title: itemTitle(item),
    points: item.points,
  })),
);

const TITLES = new Map(ITEMS.map((item) => [item.id as string, itemTitle(item)]));

export function itemName(id: string | null): string {
  if (!id) return '';
  return TITLES.get(id) ?? id;
}

export const HONOUR_LEVELS = [
  { id: 'national', name: HONOUR_LEVEL_NAMES.national },
  { id: 'city', name: HONOUR_LEVEL_NAMES.city },
  { id: 'district', name: HONOUR_LEVEL_NAMES.district },
] as const;

export const DEDUCTION_OPTIONS = Object.entries(DEDUCTION_KINDS).map(([id, rule]) => ({
  id,
  label: rule.label,
  min: rule.min,
  max: rule.max,
  step: rule.step,
}));

export const ACTION_NAMES: Readonly<Record<string, string>> = {
  year_created: '创建年度考核',
  year_opened: '开启新年度（复制设置、更换二维码）',
  collection_set: '修改问卷版本或采集起止日期',
  item_scored: '录入得分',
  item_confirmed: '牵头部门确认',
  bonus_set: '修改加分',
  deductions_set: '修改扣分',
  satisfaction_override_set: '调整满意度得分',
  hotline_imported: '导入 12345 工单数据',
  grade_rule_set: '修改等次规则',
  settings_set: '修改年度设置',
  item_confirmation_dropped: '确认失效（须重新确认）',
  adjustment_proposed: '部门提出加扣分建议',
  proposal_accepted: '采纳部门建议',
  proposal_refused: '不采纳部门建议',
  lock_exception_accepted: '锁定时接受未完成事项',
  year_locked: '锁定年度考核',
  // From the server's general audit (repositories/audit.ts), should it ever be shown here.
  password_changed: '修改本人密码',
};

export function formatPoints(points: number | null | undefined): string {
  return points === null || points === undefined ? '—' : String(Math.round(points * 100) / 100);
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
