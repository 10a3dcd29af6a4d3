// A department's entry for one item of one community: the points it gives, and why.

import {
  type ItemDef,
  type ItemId,
  indicatorById,
  isItemId,
  itemById,
  itemLeadDepartments,
} from './assessment-table.ts';
import { type DepartmentId, departmentById, isDepartmentId } from './departments.ts';
import { ScorecardError } from './errors.ts';
import { formatPoints, isFiniteNumber, isMultipleOf } from './points.ts';

export const BASIS_MAX_LENGTH = 200;

export interface ItemScoreEntry {
  readonly itemId: ItemId;
  readonly department: DepartmentId;
  readonly points: number;
  /** The short basis of the score (评分依据), required. */
  readonly basis: string;
}

/** How a person names an item: its indicator, and which printed item when there are several. */
export function itemTitle(item: ItemDef): string {
  const indicator = indicatorById(item.indicatorId);
  if (indicator.items.length === 1) return indicator.name;
  const numbers = item.subItems.map((s) => s.number).join('、');
  return `${indicator.name}第${numbers}项`;
}

/** Refuses points outside 0..the item's maximum or off its step (0.5); null when they are fine. */
export function checkItemPoints(itemId: string, points: unknown, path = ''): ScorecardError | null {
  if (!isItemId(itemId)) {
    return new ScorecardError('unknown_item', `未知的考核项目：${itemId}`, path);
  }
  const item = itemById(itemId);
  if (!isFiniteNumber(points)) {
    return new ScorecardError('points_not_a_number', '得分应为数字', path);
  }
  if (points < 0 || points > item.points) {
    return new ScorecardError(
      'item_points_out_of_range',
      `“${itemTitle(item)}”的得分应在 0 到 ${formatPoints(item.points)} 分之间，不能为 ${String(points)} 分`,
      path,
    );
  }
  if (!isMultipleOf(points, item.step)) {
    return new ScorecardError(
      'item_points_step',
      `“${itemTitle(item)}”的得分以 ${formatPoints(item.step)} 分为单位，不能为 ${String(points)} 分`,
      path,
    );
  }
  return null;
}

/** True when the department appears in the item's 评分部门. */
export function canScore(department: DepartmentId, itemId: ItemId): boolean {
  return itemById(itemId).departments.some((d) => d.department === department);
}

/** Whether the department may confirm the item's points (its lead, see itemLeadDepartments). */
export function canConfirm(department: DepartmentId, itemId: ItemId): boolean {
  return itemLeadDepartments(itemById(itemId)).includes(department);
}

/** Every reason to refuse a department's entry, first problem first; null when it is fine. */
export function checkItemScoreEntry(entry: {
  itemId: string;
  department: string;
  points: unknown;
  basis: unknown;
}): ScorecardError | null {
  if (!isItemId(entry.itemId)) {
    return new ScorecardError('unknown_item', `未知的考核项目：${entry.itemId}`, 'itemId');
  }
  if (!isDepartmentId(entry.department)) {
    return new ScorecardError(
      'unknown_department',
      `未知的评分部门：${entry.department}`,
      'department',
    );
  }
  const item = itemById(entry.itemId);
  if (item.scoredBy === 'survey') {
    return new ScorecardError(
      'item_not_department_scored',
      '群众满意度测评的 30 分由问卷数据计算，不由部门评分',
      'itemId',
    );
  }
  if (!canScore(entry.department, entry.itemId)) {
    return new ScorecardError(
      'department_not_scorer',
      `${departmentById(entry.department).name}不负责“${itemTitle(item)}”的评分`,
      'department',
    );
  }
  const pointsError = checkItemPoints(entry.itemId, entry.points, 'points');
  if (pointsError) return pointsError;
  if (typeof entry.basis !== 'string' || entry.basis.trim() === '') {
    return new ScorecardError('basis_required', '请填写评分依据', 'basis');
  }
  if (entry.basis.length > BASIS_MAX_LENGTH) {
    return new ScorecardError(
      'basis_too_long',
      `评分依据不能超过 ${BASIS_MAX_LENGTH} 个字`,
      'basis',
    );
  }
  return null;
}
