import { describe, expect, it } from 'vitest';
import { checkProposal, deductionDepartment } from './proposals.ts';

describe('a department’s proposal of bonus or deduction', () => {
  it('lets the department the plan names propose its category’s deductions, and no other', () => {
    expect(deductionDepartment('finance.budget')).toBe('finance-office');
    expect(deductionDepartment('secrecy.breach')).toBe('party-government-office');
    expect(deductionDepartment('discipline.staff')).toBe('discipline-inspection-office');
    const budget = { kind: 'deduction', deduction: { kind: 'finance.budget' } } as const;
    expect(checkProposal('finance-office', budget, '2025 年预算执行检查通报')).toBeNull();
    const refused = checkProposal('armed-forces', budget, '通报');
    expect(refused?.code).toBe('proposal_not_department');
    expect(refused?.message).toBe('该类扣分由财政所提出，武装不能提出');
  });

  it('lets any department propose an honour or a case, checked by the bonus rules', () => {
    const honour = {
      kind: 'honour',
      honour: { work: '垃圾分类', level: 'city', bodies: 1 },
    } as const;
    expect(
      checkProposal('greening-city-appearance-office', honour, '市绿化市容局表彰文件'),
    ).toBeNull();
    const bigCase = { kind: 'case', case: { title: '睦邻议事会', points: 2 } } as const;
    expect(checkProposal('social-work-office', bigCase, '镇评审')?.code).toBe(
      'case_points_out_of_range',
    );
  });

  it('needs evidence', () => {
    const honour = {
      kind: 'honour',
      honour: { work: '垃圾分类', level: 'city', bodies: 1 },
    } as const;
    expect(checkProposal('social-work-office', honour, '  ')?.code).toBe('evidence_required');
  });
});
