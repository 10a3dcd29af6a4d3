import type { CollectorProgress, TownTotals } from '@jiuting/api-contract';
import {
  type CommunityCoverage,
  householdCoverage,
  INTERVIEW_GROUP_IDS,
  type InterviewGroup,
  interviewProgress,
  interviewViewScore,
  mean,
  type SatisfactionRule,
  satisfactionPoints,
} from '@jiuting/questionnaire';
import type { Community } from '../repositories/communities.ts';
import type { CollectorDay, InterviewCount, ResponseTotals } from '../repositories/coverage.ts';
import type { RegisterTotals } from '../repositories/registers.ts';
import type { User } from '../repositories/users.ts';

// The answer's shapes are the HTTP contract's (@jiuting/api-contract); visits are added beside
// these figures by services/visit-figures.ts.
export type { CollectorProgress, CommunityCoverage, TownTotals };

type TownSurveyTotals = Omit<TownTotals, 'visits'>;
type CollectorWork = Omit<CollectorProgress, 'visits'>;

const latest = (a: string | null, b: string | null) =>
  a === null ? b : b === null ? a : a > b ? a : b;

function emptyGroups(): Record<InterviewGroup, number> {
  return Object.fromEntries(INTERVIEW_GROUP_IDS.map((g) => [g, 0])) as Record<
    InterviewGroup,
    number
  >;
}

export function communityCoverage(
  communities: readonly Community[],
  responseTotals: readonly ResponseTotals[],
  interviewCounts: readonly InterviewCount[],
  registerTotals: readonly RegisterTotals[],
  // The year's interview share (its settings): the dashboard, the export and the assessment's
  // results show one satisfaction figure, never one per screen.
  rule: SatisfactionRule,
): CommunityCoverage[] {
  const totals = new Map(responseTotals.map((r) => [r.code, r]));
  const registers = new Map(registerTotals.map((r) => [r.code, r]));
  const interviewsOf = new Map<string, InterviewCount[]>();
  for (const row of interviewCounts) {
    interviewsOf.set(row.code, [...(interviewsOf.get(row.code) ?? []), row]);
  }
  return communities.map((c) => {
    const r = totals.get(c.code);
    const register = registers.get(c.code);
    // With a register, coverage is a count over it (居住 households only); 册外 responses wait
    // for review. Without one, the typed total stands (未建户册).
    const countedResponses = r?.counted ?? 0;
    const surveyed = register ? register.counted : countedResponses;
    const totalHouseholds = register ? register.households : c.totalHouseholds;
    const coverage = householdCoverage(surveyed, totalHouseholds);
    const byGroup = emptyGroups();
    const viewScores: number[] = [];
    let lastActivityAt = r?.lastReceivedAt ?? null;
    for (const i of interviewsOf.get(c.code) ?? []) {
      byGroup[i.group as InterviewGroup] = (byGroup[i.group as InterviewGroup] ?? 0) + i.count;
      for (let k = 0; k < i.count; k += 1) viewScores.push(interviewViewScore(i.view));
      lastActivityAt = latest(lastActivityAt, i.lastReceivedAt);
    }
    const progress = interviewProgress(viewScores.length);
    // The sum of scores comes from SQL so 100,000 rows never cross into JS one by one. With a
    // register, only the households that count for coverage are scored: a 册外 response
    // counts toward neither until a coordinator adds its address (never silently counted).
    const scored = register ? register.counted : countedResponses;
    const scoreSum = register ? register.scoreSum : (r?.scoreSum ?? 0);
    const meanSurveyScore = scored > 0 ? scoreSum / scored : null;
    const meanInterviewScore = mean(viewScores);
    return {
      code: c.code,
      name: c.name,
      type: c.type,
      totalHouseholds,
      surveyedHouseholds: surveyed,
      coverage: coverage.ratio,
      meetsTarget: coverage.meetsTarget,
      shortfall: coverage.shortfall,
      responses: r?.responses ?? 0,
      repeats: (r?.responses ?? 0) - countedResponses,
      interviews: {
        total: progress.count,
        target: progress.target,
        meetsTarget: progress.meetsTarget,
        shortfall: progress.shortfall,
        byGroup,
      },
      meanSurveyScore,
      meanInterviewScore,
      satisfactionPoints: satisfactionPoints(meanSurveyScore, meanInterviewScore, rule),
      lastActivityAt,
      register: register ? { outside: register.outside } : null,
    };
  });
}

export function townTotals(rows: readonly CommunityCoverage[]): TownSurveyTotals {
  const sum = (f: (r: CommunityCoverage) => number) => rows.reduce((s, r) => s + f(r), 0);
  const totalHouseholds = sum((r) => r.totalHouseholds);
  const surveyedHouseholds = sum((r) => r.surveyedHouseholds);
  const scoreSum = sum((r) => (r.meanSurveyScore ?? 0) * r.surveyedHouseholds);
  return {
    communities: rows.length,
    totalHouseholds,
    surveyedHouseholds,
    coverage: householdCoverage(surveyedHouseholds, totalHouseholds).ratio,
    communitiesMeetingTarget: rows.filter((r) => r.meetsTarget).length,
    responses: sum((r) => r.responses),
    repeats: sum((r) => r.repeats),
    interviews: sum((r) => r.interviews.total),
    communitiesMeetingInterviewTarget: rows.filter((r) => r.interviews.meetsTarget).length,
    meanSurveyScore: surveyedHouseholds > 0 ? scoreSum / surveyedHouseholds : null,
    lastActivityAt: rows.reduce<string | null>((a, r) => latest(a, r.lastActivityAt), null),
  };
}

/** A collector's row before any of their work is added. */
export function emptyCollectorRow(user: User): CollectorWork {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    households: 0,
    responses: 0,
    interviews: 0,
    byDay: [],
  };
}

export function collectorProgress(
  days: readonly CollectorDay[],
  users: ReadonlyMap<string, User>,
): CollectorWork[] {
  const out = new Map<string, CollectorWork>();
  for (const d of days) {
    const user = users.get(d.userId);
    if (!user) continue;
    let row = out.get(d.userId);
    if (!row) {
      row = emptyCollectorRow(user);
      out.set(d.userId, row);
    }
    row.households += d.households;
    row.responses += d.responses;
    row.interviews += d.interviews;
    row.byDay.push({
      date: d.day,
      households: d.households,
      responses: d.responses,
      interviews: d.interviews,
    });
  }
  return [...out.values()].sort((a, b) => a.username.localeCompare(b.username));
}
