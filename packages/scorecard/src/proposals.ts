// Departments know the facts behind bonus and deductions (附件2: deductions by 纪检监察办, 党政办
// and 财政所; honours by whichever department's work won them), but only coordinators enter
// them. A department proposes an entry with its evidence; a coordinator accepts or refuses it.

import {
  type BonusRules,
  checkHonour,
  checkSelfGovernanceCase,
  DEFAULT_BONUS_RULES,
  type Honour,
  type SelfGovernanceCase,
} from './bonus.ts';
import {
  checkDeduction,
  DEDUCTION_CATEGORIES,
  DEDUCTION_KINDS,
  type DeductionCase,
} from './deductions.ts';
import { type DepartmentId, departmentById } from './departments.ts';
import { ScorecardError } from './errors.ts';

export const EVIDENCE_MAX_LENGTH = 500;

export type AdjustmentProposal =
  | { readonly kind: 'honour'; readonly honour: Honour }
  | { readonly kind: 'case'; readonly case: SelfGovernanceCase }
  | { readonly kind: 'deduction'; readonly deduction: DeductionCase };

/** The department the plan names for a deduction kind's category. */
export function deductionDepartment(kind: DeductionCase['kind']): DepartmentId {
  const category = DEDUCTION_KINDS[kind].category;
  const found = DEDUCTION_CATEGORIES.find((c) => c.id === category);
  if (!found) throw new RangeError(`no category ${category}`);
  return found.department;
}

/**
 * Refuses a department's proposal it may not make or whose entry the rules refuse; null when
 * fine. Any department may propose a bonus (an honour names the work, not the department); a
 * deduction only the department the plan names for its category.
 */
export function checkProposal(
  department: DepartmentId,
  proposal: AdjustmentProposal,
  evidence: string,
  rules: BonusRules = DEFAULT_BONUS_RULES,
): ScorecardError | null {
  if (typeof evidence !== 'string' || evidence.trim() === '') {
    return new ScorecardError('evidence_required', '请写明依据（文件、通报或台账）', 'evidence');
  }
  if (evidence.length > EVIDENCE_MAX_LENGTH) {
    return new ScorecardError(
      'evidence_required',
      `依据不能超过 ${EVIDENCE_MAX_LENGTH} 个字`,
      'evidence',
    );
  }
  if (proposal.kind === 'honour') return checkHonour(proposal.honour, 'honour');
  if (proposal.kind === 'case') return checkSelfGovernanceCase(proposal.case, rules, 'case');
  const { error } = checkDeduction(proposal.deduction, 'deduction');
  if (error) return error;
  const owner = deductionDepartment(proposal.deduction.kind);
  if (owner !== department) {
    return new ScorecardError(
      'proposal_not_department',
      `该类扣分由${departmentById(owner).name}提出，${departmentById(department).name}不能提出`,
      'deduction.kind',
    );
  }
  return null;
}
