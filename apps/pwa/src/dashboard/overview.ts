import { COVERAGE_TARGET, INTERVIEW_GROUP_IDS, INTERVIEW_GROUPS } from '@jiuting/questionnaire';
import type { CommunityFigures, CommunityType } from './dashboard-types.ts';

export type TypeFilter = 'all' | CommunityType;
export type OverviewSort = 'shortfall' | 'interviewShortfall' | 'coverage' | 'points' | 'code';

export const SORT_LABELS: Record<OverviewSort, string> = {
  shortfall: '距30%尚差户数（多的在前）',
  interviewShortfall: '访谈尚差人数（多的在前）',
  coverage: '覆盖率（低的在前）',
  points: '满意度得分（低的在前）',
  code: '编号',
};

const byCode = (a: CommunityFigures, b: CommunityFigures) => a.code.localeCompare(b.code);

const COMPARE: Record<OverviewSort, (a: CommunityFigures, b: CommunityFigures) => number> = {
  shortfall: (a, b) => b.shortfall - a.shortfall || a.coverage - b.coverage || byCode(a, b),
  interviewShortfall: (a, b) =>
    b.interviews.shortfall - a.interviews.shortfall || b.shortfall - a.shortfall || byCode(a, b),
  coverage: (a, b) => a.coverage - b.coverage || byCode(a, b),
  // No points yet is the most urgent of all.
  points: (a, b) => (a.satisfactionPoints ?? -1) - (b.satisfactionPoints ?? -1) || byCode(a, b),
  code: byCode,
};

/** The rows the overview shows: one type or both, in the chosen order. Never mutates. */
export function visibleCommunities(
  rows: readonly CommunityFigures[],
  type: TypeFilter,
  sort: OverviewSort,
): CommunityFigures[] {
  return rows.filter((r) => type === 'all' || r.type === type).sort(COMPARE[sort]);
}

export const TARGET_PERCENT = Math.round(COVERAGE_TARGET * 100);

/** `12.3%` */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** `26.70` or `—` before the first counted response. */
export function points(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

/** `78.5` or `—`. */
export function score(value: number | null): string {
  return value === null ? '—' : value.toFixed(1);
}

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `11月27日 18:30` in Beijing time, wherever the screen is; `—` when there is none. */
export function beijingTime(iso: string | null): string {
  if (iso === null) return '—';
  const parts = Object.fromEntries(
    SHANGHAI.formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
  );
  return `${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

/** The interview groups with at least one interview, as `高龄独居老人 3`. */
export function groupsText(byGroup: Readonly<Record<string, number>>): string {
  const parts = INTERVIEW_GROUP_IDS.filter((g) => (byGroup[g] ?? 0) > 0).map(
    (g) => `${INTERVIEW_GROUPS[g]} ${byGroup[g]}`,
  );
  return parts.length > 0 ? parts.join('，') : '—';
}

/** Visit outcomes as the dashboard prints them: 不在家 3 · 拒访 1 · 空置 0. */
export function visitsText(v: { notHome: number; refused: number; vacant: number }): string {
  return `不在家 ${v.notHome} · 拒访 ${v.refused} · 空置 ${v.vacant}`;
}

/** A drawn sample and the counted households that came from it. */
export function sampleText(s: {
  size: number;
  reserveSize: number;
  countedSample: number;
  countedReserve: number;
}): string {
  return `已计入 ${s.countedSample} / 抽样 ${s.size} 户，备选已计入 ${s.countedReserve} / ${s.reserveSize}`;
}
