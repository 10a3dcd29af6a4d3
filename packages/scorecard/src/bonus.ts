// 加分指标 (上限 5 分). The plan's rules, and where it is silent, the choices below (README):
// - national / city / district honours add 3 / 2 / 1;
// - one piece of work honoured at several levels counts once, at its highest;
// - one honour won by several bodies in the community counts one level higher, once — and one
//   level above national is worth `aboveNationalPoints` (4: the ladder goes on by one point);
// - an excellent self-governance case adds a discretionary amount, bounded by `casePoints` and,
//   all cases together, by `casesCap`;
// - the whole bonus never exceeds `cap`.

import { ScorecardError } from './errors.ts';
import { formatPoints, isFiniteNumber, isMultipleOf, sumPoints } from './points.ts';

export const HONOUR_LEVELS = ['district', 'city', 'national'] as const;
export type HonourLevel = (typeof HONOUR_LEVELS)[number];
export const HONOUR_LEVEL_NAMES: Readonly<Record<HonourLevel, string>> = {
  national: '全国',
  city: '市级',
  district: '区级',
};

export interface BonusRules {
  readonly cap: number;
  readonly honourPoints: Readonly<Record<HonourLevel, number>>;
  /** A national honour won by several bodies: "one level higher" than the top of the ladder. */
  readonly aboveNationalPoints: number;
  /** Bounds of one excellent self-governance case's discretionary points. */
  readonly casePoints: { readonly min: number; readonly max: number; readonly step: number };
  /** All cases together add at most this. */
  readonly casesCap: number;
}

export const DEFAULT_BONUS_RULES: BonusRules = {
  cap: 5,
  honourPoints: { district: 1, city: 2, national: 3 },
  aboveNationalPoints: 4,
  casePoints: { min: 0.5, max: 1, step: 0.5 },
  casesCap: 1,
};

export interface Honour {
  /** What was honoured; honours of the same work (after trimming spaces) count once. */
  readonly work: string;
  readonly level: HonourLevel;
  /** How many bodies in the community won this honour (1 for a single winner). */
  readonly bodies: number;
  /** The honour's name, for display only. */
  readonly title?: string;
}

export interface SelfGovernanceCase {
  readonly title: string;
  readonly points: number;
}

export interface BonusInput {
  readonly honours: readonly Honour[];
  readonly cases: readonly SelfGovernanceCase[];
}

export interface HonourPoints {
  readonly honour: Honour;
  /** Raised one level because several bodies won it. */
  readonly raised: boolean;
  readonly points: number;
}

export interface WorkBonus {
  /** The grouping key: the work, trimmed and with runs of spaces made one. */
  readonly work: string;
  /** Every honour of this work, with what each alone would be worth. */
  readonly honours: readonly HonourPoints[];
  /** The one honour that counts: the highest (the first of equals, as entered). */
  readonly counted: HonourPoints;
  readonly points: number;
}

export interface BonusResult {
  /** 0–cap: what the total adds. */
  readonly points: number;
  /** Honours plus cases before the cap (cases already bounded by `casesCap`). */
  readonly uncapped: number;
  readonly honourPoints: number;
  readonly casePoints: number;
  readonly works: readonly WorkBonus[];
  readonly capped: boolean;
}

export function normaliseWork(work: string): string {
  return work.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

export function checkHonour(honour: Honour, path = ''): ScorecardError | null {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  if (typeof honour.work !== 'string' || normaliseWork(honour.work) === '') {
    return new ScorecardError('honour_work_required', '请填写获得荣誉的工作', at('work'));
  }
  if (!HONOUR_LEVELS.includes(honour.level)) {
    return new ScorecardError('honour_level_invalid', '荣誉等级应为全国、市级或区级', at('level'));
  }
  if (!Number.isInteger(honour.bodies) || honour.bodies < 1) {
    return new ScorecardError(
      'honour_bodies_invalid',
      '获奖主体数应为不小于 1 的整数',
      at('bodies'),
    );
  }
  return null;
}

export function checkSelfGovernanceCase(
  selfGovernanceCase: SelfGovernanceCase,
  rules: BonusRules = DEFAULT_BONUS_RULES,
  path = '',
): ScorecardError | null {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  if (typeof selfGovernanceCase.title !== 'string' || selfGovernanceCase.title.trim() === '') {
    return new ScorecardError('case_title_required', '请填写自治共治优秀案例的名称', at('title'));
  }
  const { min, max, step } = rules.casePoints;
  const points = selfGovernanceCase.points;
  if (!isFiniteNumber(points) || points < min || points > max || !isMultipleOf(points, step)) {
    return new ScorecardError(
      'case_points_out_of_range',
      `自治共治优秀案例每个酌情加 ${formatPoints(min)}–${formatPoints(max)} 分（以 ${formatPoints(step)} 分为单位），不能加 ${String(points)} 分`,
      at('points'),
    );
  }
  return null;
}

/** What one honour alone is worth under the rules. */
export function honourPoints(
  honour: Honour,
  rules: BonusRules = DEFAULT_BONUS_RULES,
): HonourPoints {
  const raised = honour.bodies > 1;
  if (!raised) return { honour, raised, points: rules.honourPoints[honour.level] };
  const above = HONOUR_LEVELS[HONOUR_LEVELS.indexOf(honour.level) + 1];
  const points = above === undefined ? rules.aboveNationalPoints : rules.honourPoints[above];
  return { honour, raised, points };
}

/** The community's bonus. Throws a ScorecardError on the first invalid honour or case. */
export function computeBonus(
  input: BonusInput,
  rules: BonusRules = DEFAULT_BONUS_RULES,
): BonusResult {
  const groups = new Map<string, HonourPoints[]>();
  input.honours.forEach((honour, index) => {
    const error = checkHonour(honour, `honours.${index}`);
    if (error) throw error;
    const key = normaliseWork(honour.work);
    const group = groups.get(key) ?? [];
    group.push(honourPoints(honour, rules));
    groups.set(key, group);
  });
  input.cases.forEach((selfGovernanceCase, index) => {
    const error = checkSelfGovernanceCase(selfGovernanceCase, rules, `cases.${index}`);
    if (error) throw error;
  });

  const works: WorkBonus[] = [...groups].map(([work, honours]) => {
    const counted = honours.reduce((best, h) => (h.points > best.points ? h : best));
    return { work, honours, counted, points: counted.points };
  });
  const fromHonours = sumPoints(works.map((w) => w.points));
  const fromCases = Math.min(rules.casesCap, sumPoints(input.cases.map((c) => c.points)));
  const uncapped = sumPoints([fromHonours, fromCases]);
  return {
    points: Math.min(rules.cap, uncapped),
    uncapped,
    honourPoints: fromHonours,
    casePoints: fromCases,
    works,
    capped: uncapped > rules.cap,
  };
}
