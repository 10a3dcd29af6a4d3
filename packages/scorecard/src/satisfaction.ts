// The 30 satisfaction points. They are computed from the survey data elsewhere
// (@jiuting/questionnaire's satisfactionPoints) and passed in; a coordinator may set them by hand
// only with a reason, and the override is kept beside the computed figure, never in its place.

import { ScorecardError } from './errors.ts';
import { formatPoints, isFiniteNumber, isMultipleOf } from './points.ts';

/** 附件2 row 1; the same 30 as @jiuting/questionnaire's SATISFACTION_MAX_POINTS. */
export const SATISFACTION_POINTS = 30;
export const OVERRIDE_REASON_MAX_LENGTH = 200;

export interface SatisfactionOverride {
  readonly points: number;
  /** Why the computed figure does not stand (required). */
  readonly reason: string;
  /** The coordinator who set it (an account id or username). */
  readonly by: string;
  /** When, as an ISO date-time from the caller's clock. */
  readonly at: string;
}

export interface SatisfactionInput {
  /** From the survey data; null while no questionnaire has been counted. */
  readonly computed: number | null;
  readonly override?: SatisfactionOverride | null;
}

export interface SatisfactionResult {
  /** The points the total uses; null when neither the survey nor an override gives any. */
  readonly points: number | null;
  readonly source: 'survey' | 'override' | 'missing';
  readonly computed: number | null;
  readonly override: SatisfactionOverride | null;
}

function checkPoints(points: unknown, path: string): ScorecardError | null {
  if (
    !isFiniteNumber(points) ||
    points < 0 ||
    points > SATISFACTION_POINTS ||
    !isMultipleOf(points, 0.01)
  ) {
    return new ScorecardError(
      'satisfaction_points_out_of_range',
      `群众满意度测评得分应在 0 到 ${formatPoints(SATISFACTION_POINTS)} 分之间（最多两位小数），不能为 ${String(points)} 分`,
      path,
    );
  }
  return null;
}

export function checkSatisfactionOverride(
  override: SatisfactionOverride,
  path = 'override',
): ScorecardError | null {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const pointsError = checkPoints(override.points, at('points'));
  if (pointsError) return pointsError;
  if (typeof override.reason !== 'string' || override.reason.trim() === '') {
    return new ScorecardError(
      'override_reason_required',
      '调整群众满意度测评得分必须填写理由',
      at('reason'),
    );
  }
  if (override.reason.length > OVERRIDE_REASON_MAX_LENGTH) {
    return new ScorecardError(
      'override_reason_too_long',
      `调整理由不能超过 ${OVERRIDE_REASON_MAX_LENGTH} 个字`,
      at('reason'),
    );
  }
  if (typeof override.by !== 'string' || override.by.trim() === '') {
    return new ScorecardError('override_author_required', '调整得分须记录操作人', at('by'));
  }
  return null;
}

/** The satisfaction points the total uses. Throws a ScorecardError on an invalid figure. */
export function resolveSatisfaction(input: SatisfactionInput): SatisfactionResult {
  if (input.computed !== null) {
    const error = checkPoints(input.computed, 'computed');
    if (error) throw error;
  }
  const override = input.override ?? null;
  if (override) {
    const error = checkSatisfactionOverride(override);
    if (error) throw error;
    return { points: override.points, source: 'override', computed: input.computed, override };
  }
  return {
    points: input.computed,
    source: input.computed === null ? 'missing' : 'survey',
    computed: input.computed,
    override: null,
  };
}
