// One catalogue of this package's refusals. The server passes `code` through unchanged as its
// `{ error, message }` body, so codes are stable: add new ones, never rename.

export const SCORECARD_ERROR_CODES = [
  'unknown_item',
  'unknown_department',
  'item_not_department_scored',
  'department_not_scorer',
  'points_not_a_number',
  'item_points_out_of_range',
  'item_points_step',
  'basis_required',
  'basis_too_long',
  'honour_work_required',
  'honour_level_invalid',
  'honour_bodies_invalid',
  'case_title_required',
  'case_points_out_of_range',
  'deduction_kind_invalid',
  'deduction_points_required',
  'deduction_points_out_of_range',
  'satisfaction_points_out_of_range',
  'override_reason_required',
  'override_reason_too_long',
  'override_author_required',
  'community_type_invalid',
  'community_duplicate',
  'total_not_a_number',
  'grade_rule_invalid',
  'combination_rule_invalid',
  'entries_disagree',
  'entries_missing',
  'year_settings_invalid',
  'evidence_required',
  'proposal_not_department',
] as const;
export type ScorecardErrorCode = (typeof SCORECARD_ERROR_CODES)[number];

/** A refused input: a stable code for programs and a Chinese message for people. */
export class ScorecardError extends Error {
  override readonly name = 'ScorecardError';
  readonly code: ScorecardErrorCode;
  /** Dotted path of the offending field inside the input, empty for the whole input. */
  readonly path: string;

  constructor(code: ScorecardErrorCode, message: string, path = '') {
    super(message);
    this.code = code;
    this.path = path;
  }

  /** The server's error body shape (docs/api.md). */
  toJSON(): { error: ScorecardErrorCode; message: string } {
    return { error: this.code, message: this.message };
  }
}

/** Throws the error if there is one: the check functions return, the computing functions throw. */
export function refuse(error: ScorecardError | null): void {
  if (error) throw error;
}

/** Runs `compute`, moving any ScorecardError it throws under `prefix` in the input. */
export function under<T>(prefix: string, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof ScorecardError)) throw error;
    throw new ScorecardError(
      error.code,
      error.message,
      error.path ? `${prefix}.${error.path}` : prefix,
    );
  }
}
