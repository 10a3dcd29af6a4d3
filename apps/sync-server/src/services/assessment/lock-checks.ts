import { INTERVIEW_TARGET } from '@jiuting/questionnaire';
import { ITEMS, itemTitle } from '@jiuting/scorecard';
import type { CommunityResult, YearResults } from './results.ts';

// What stands between the year and its lock. Each check is one small function from the year's
// results (and the few facts the results do not carry) to the issues it finds; a new kind is one
// more function in LOCK_CHECKS. An issue is resolved by fixing the data, or accepted at the lock
// with a reason, which the audit trail keeps.

export interface LockIssue {
  /** Stable while the issue lasts: what an acceptance names. */
  readonly key: string;
  readonly kind:
    | 'item_not_confirmed'
    | 'satisfaction_missing'
    | 'coverage_below_floor'
    | 'interviews_below_target'
    | 'outside_register_unreviewed';
  readonly message: string;
  readonly communityCode: string | null;
  readonly itemId: string | null;
}

/** What the checks read besides the results. */
export interface LockFacts {
  /** A community's 册外 responses that no coordinator has yet added to the register or invalidated. */
  outsideRegisterUnreviewed(communityCode: string): number;
}

export type LockCheck = (results: YearResults, facts: LockFacts) => LockIssue[];

const names = (rows: readonly CommunityResult[]) => rows.map((r) => r.name).join('、');

/** One issue per department item: the communities whose figure the lead has not confirmed. */
const itemsNotConfirmed: LockCheck = (results) =>
  ITEMS.filter((item) => item.scoredBy === 'departments').flatMap((item) => {
    const open = results.communities.filter((c) => c.items[item.id] === null);
    if (open.length === 0) return [];
    return [
      {
        key: `item:${item.id}`,
        kind: 'item_not_confirmed' as const,
        message: `“${itemTitle(item)}”有 ${open.length} 个居民区的得分未经牵头部门确认：${names(open)}`,
        communityCode: null,
        itemId: item.id,
      },
    ];
  });

const satisfactionMissing: LockCheck = (results) =>
  results.communities
    .filter((c) => c.satisfaction.points === null)
    .map((c) => ({
      key: `satisfaction:${c.code}`,
      kind: 'satisfaction_missing' as const,
      message: `${c.name}没有群众满意度测评得分（没有计分的问卷，也没有调整）`,
      communityCode: c.code,
      itemId: null,
    }));

const coverageBelowFloor: LockCheck = (results) =>
  results.communities
    .filter((c) => c.coverageBelowFloor)
    .map((c) => ({
      key: `coverage:${c.code}`,
      kind: 'coverage_below_floor' as const,
      message: `${c.name}问卷覆盖率 ${((c.coverage?.ratio ?? 0) * 100).toFixed(1)}%（${c.coverage?.surveyed ?? 0}/${c.coverage?.total ?? 0} 户），低于 30%`,
      communityCode: c.code,
      itemId: null,
    }));

const interviewsBelowTarget: LockCheck = (results) =>
  results.communities
    .filter((c) => c.interviews && !c.interviews.meetsTarget)
    .map((c) => ({
      key: `interviews:${c.code}`,
      kind: 'interviews_below_target' as const,
      message: `${c.name}特殊群体访谈 ${c.interviews?.count ?? 0} 人，不足 ${INTERVIEW_TARGET} 人`,
      communityCode: c.code,
      itemId: null,
    }));

// A 册外 response neither counts nor is dropped until a coordinator decides (issue 10): a year
// locked over undecided ones would be graded on an unreviewed register.
const outsideRegisterUnreviewed: LockCheck = (results, facts) =>
  results.communities.flatMap((c) => {
    const waiting = facts.outsideRegisterUnreviewed(c.code);
    if (waiting === 0) return [];
    return [
      {
        key: `outside:${c.code}`,
        kind: 'outside_register_unreviewed' as const,
        message: `${c.name}有 ${waiting} 份册外问卷（地址不在户册中）尚未审核`,
        communityCode: c.code,
        itemId: null,
      },
    ];
  });

export const LOCK_CHECKS: readonly LockCheck[] = [
  itemsNotConfirmed,
  satisfactionMissing,
  coverageBelowFloor,
  interviewsBelowTarget,
  outsideRegisterUnreviewed,
];

export function lockIssues(
  results: YearResults,
  facts: LockFacts,
  checks = LOCK_CHECKS,
): LockIssue[] {
  return checks.flatMap((check) => check(results, facts));
}
