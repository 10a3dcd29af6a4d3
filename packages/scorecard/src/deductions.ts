// 扣分指标 (上限 5 分), three categories each with its own cap and scoring department.
// How often each kind is deducted follows the printed wording (README):
// - "每件" / "发生一起" (main leader, other leadership members, confidentiality breach): per case;
// - staff discipline "扣0.5分": per case too — it ends the same list of per-case penalties by rank;
// - archives, budget, procurement and fixed assets "…的扣0.5分": once a year per kind. Each
//   category's cap is exactly one of each of its once-kinds plus one case (0.5 + 1 = 1.5;
//   0.5 × 3 = 1.5), which only reads right if these are deducted once. A second record of such a
//   kind is kept and shown but adds nothing.

import type { DepartmentId } from './departments.ts';
import { ScorecardError } from './errors.ts';
import { formatPoints, isFiniteNumber, isMultipleOf, sumPoints } from './points.ts';

export const DEDUCTION_CAP = 5;

export const DEDUCTION_CATEGORIES = [
  {
    id: 'discipline',
    name: '党纪政纪',
    cap: 2,
    department: 'discipline-inspection-office',
    printedRule:
      '1、党政主要负责人被立案受到党政纪处分的每件扣1-1.5分；其他班子成员被立案受到党政纪处分的每件扣0.5-1分；工作人员被立案受到党政纪处分的扣0.5分。',
  },
  {
    id: 'secrecy',
    name: '档案与保密',
    cap: 1.5,
    department: 'party-government-office',
    printedRule:
      '2、未按档案管理规定完成各类档案的整理、录入、归档等工作扣0.5分；违反保密法律法规规定，发生违规事件或失泄密案件，发生一起扣1分。',
  },
  {
    id: 'finance',
    name: '财务规范',
    cap: 1.5,
    department: 'finance-office',
    printedRule:
      '3、预算编制不及时、内容不完整、依据不充分；预算执行不到位、票据不齐全、预算执行与预算编制项目不相匹配的扣0.5分；政府采购项目程序不完整，相关附件资料不完整，采购项目审批手续不完备的扣0.5分；固定资产未做好台账，未贴好资产标签，资产报废、报损未做好相关审批手续，未及时同步更新资产库的扣0.5分。',
  },
] as const satisfies ReadonlyArray<{
  id: string;
  name: string;
  cap: number;
  department: DepartmentId;
  printedRule: string;
}>;
export type DeductionCategory = (typeof DEDUCTION_CATEGORIES)[number]['id'];

export interface DeductionKindRule {
  readonly category: DeductionCategory;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** Deducted at most once a year, however many records of it there are. */
  readonly once: boolean;
}

export const DEDUCTION_KINDS = {
  'discipline.main-leader': {
    category: 'discipline',
    label: '党政主要负责人被立案受到党政纪处分',
    min: 1,
    max: 1.5,
    step: 0.5,
    once: false,
  },
  'discipline.leadership-member': {
    category: 'discipline',
    label: '其他班子成员被立案受到党政纪处分',
    min: 0.5,
    max: 1,
    step: 0.5,
    once: false,
  },
  'discipline.staff': {
    category: 'discipline',
    label: '工作人员被立案受到党政纪处分',
    min: 0.5,
    max: 0.5,
    step: 0.5,
    once: false,
  },
  'secrecy.archives': {
    category: 'secrecy',
    label: '未按档案管理规定完成各类档案的整理、录入、归档等工作',
    min: 0.5,
    max: 0.5,
    step: 0.5,
    once: true,
  },
  'secrecy.breach': {
    category: 'secrecy',
    label: '违反保密法律法规规定，发生违规事件或失泄密案件',
    min: 1,
    max: 1,
    step: 0.5,
    once: false,
  },
  'finance.budget': {
    category: 'finance',
    label: '预算编制或执行不规范',
    min: 0.5,
    max: 0.5,
    step: 0.5,
    once: true,
  },
  'finance.procurement': {
    category: 'finance',
    label: '政府采购项目程序或审批手续不完备',
    min: 0.5,
    max: 0.5,
    step: 0.5,
    once: true,
  },
  'finance.fixed-assets': {
    category: 'finance',
    label: '固定资产台账、标签或报废报损手续不规范',
    min: 0.5,
    max: 0.5,
    step: 0.5,
    once: true,
  },
} as const satisfies Record<string, DeductionKindRule>;
export type DeductionKind = keyof typeof DEDUCTION_KINDS;
export const DEDUCTION_KIND_IDS = Object.keys(DEDUCTION_KINDS) as [
  DeductionKind,
  ...DeductionKind[],
];

export interface DeductionCase {
  readonly kind: DeductionKind;
  /** Required where the plan gives a range (1–1.5, 0.5–1); a fixed kind takes its amount. */
  readonly points?: number;
  /** What happened, for the record (no names). */
  readonly note?: string;
}

export interface CountedDeduction {
  readonly deduction: DeductionCase;
  readonly points: number;
  /** False for a repeat of a once-a-year kind. */
  readonly counted: boolean;
}

export interface CategoryDeduction {
  readonly category: DeductionCategory;
  readonly uncapped: number;
  readonly points: number;
  readonly capped: boolean;
}

export interface DeductionResult {
  /** 0–5: what the total loses. */
  readonly points: number;
  readonly byCategory: Readonly<Record<DeductionCategory, CategoryDeduction>>;
  readonly deductions: readonly CountedDeduction[];
  readonly capped: boolean;
}

function rangeText(rule: DeductionKindRule): string {
  const per = rule.once ? '' : '每件';
  return rule.min === rule.max
    ? `${per}扣 ${formatPoints(rule.min)} 分`
    : `${per}扣 ${formatPoints(rule.min)}–${formatPoints(rule.max)} 分（以 ${formatPoints(rule.step)} 分为单位）`;
}

/** The points this case deducts before caps, or the reason it is refused. */
export function checkDeduction(
  deduction: DeductionCase,
  path = '',
): { points: number; error: null } | { points: null; error: ScorecardError } {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  // Not Object.hasOwn (Biome's fix for hasOwnProperty): Chrome before 93 lacks it, and the
  // collectors' app runs this on phones from Chrome 87.
  const rule: DeductionKindRule | undefined = (DEDUCTION_KIND_IDS as readonly string[]).includes(
    deduction.kind,
  )
    ? DEDUCTION_KINDS[deduction.kind]
    : undefined;
  if (!rule) {
    return {
      points: null,
      error: new ScorecardError('deduction_kind_invalid', '未知的扣分类别', at('kind')),
    };
  }
  if (deduction.points === undefined) {
    if (rule.min === rule.max) return { points: rule.min, error: null };
    return {
      points: null,
      error: new ScorecardError(
        'deduction_points_required',
        `请填写扣分：${rule.label}${rangeText(rule)}`,
        at('points'),
      ),
    };
  }
  const points = deduction.points;
  if (
    !isFiniteNumber(points) ||
    points < rule.min ||
    points > rule.max ||
    !isMultipleOf(points, rule.step)
  ) {
    return {
      points: null,
      error: new ScorecardError(
        'deduction_points_out_of_range',
        `${rule.label}${rangeText(rule)}，不能扣 ${String(points)} 分`,
        at('points'),
      ),
    };
  }
  return { points, error: null };
}

/** The community's deductions. Throws a ScorecardError on the first invalid case. */
export function computeDeductions(deductions: readonly DeductionCase[]): DeductionResult {
  const seenOnce = new Set<DeductionKind>();
  const counted: CountedDeduction[] = deductions.map((deduction, index) => {
    const checked = checkDeduction(deduction, String(index));
    if (checked.error) throw checked.error;
    const rule: DeductionKindRule = DEDUCTION_KINDS[deduction.kind];
    const repeat = rule.once && seenOnce.has(deduction.kind);
    seenOnce.add(deduction.kind);
    return { deduction, points: repeat ? 0 : checked.points, counted: !repeat };
  });

  const byCategory = {} as Record<DeductionCategory, CategoryDeduction>;
  for (const category of DEDUCTION_CATEGORIES) {
    const uncapped = sumPoints(
      counted
        .filter((c) => DEDUCTION_KINDS[c.deduction.kind].category === category.id)
        .map((c) => c.points),
    );
    byCategory[category.id] = {
      category: category.id,
      uncapped,
      points: Math.min(category.cap, uncapped),
      capped: uncapped > category.cap,
    };
  }
  const sum = sumPoints(Object.values(byCategory).map((c) => c.points));
  return {
    points: Math.min(DEDUCTION_CAP, sum),
    byCategory,
    deductions: counted,
    capped: sum > DEDUCTION_CAP,
  };
}
