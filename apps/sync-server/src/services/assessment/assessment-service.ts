import {
  bonusRulesFor,
  DEFAULT_YEAR_SETTINGS,
  ScorecardError,
  type YearSettings,
} from '@jiuting/scorecard';
import { AppError } from '../../errors.ts';
import type { Repositories } from '../../plugins/repositories.ts';
import type {
  AssessmentAuditRecord,
  AssessmentRepository,
  AssessmentYear,
  LockedCommunity,
} from '../../repositories/assessment.ts';
import { communityCoverage } from '../coverage.ts';
import { type YearResults, yearResults } from './results.ts';

/** A scorecard refusal as the server's error body, under the package's own code and words. */
export function refusal(error: ScorecardError, prefix = ''): AppError {
  const path = [prefix, error.path].filter(Boolean).join('.');
  return new AppError(error.code, [{ path, message: error.message }], error.message);
}

/** A scorecard rule's result; a broken rule (ScorecardError) becomes the client's refusal. */
export function refusedOnRuleError<T>(compute: () => T, prefix?: string): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof ScorecardError) throw refusal(error, prefix);
    throw error;
  }
}

/** Who changes the assessment: the user's id and the name the audit trail shows. */
export interface Actor {
  id: string;
  name: string;
}

/** One row of the year's audit trail, less what the write helper fills in (year, time, actor). */
export type YearAudit = Omit<AssessmentAuditRecord, 'year' | 'at' | 'actorUserId' | 'actorName'>;

/**
 * What a write on the assessment hands back: its answer, and the audit rows saying what it
 * changed (none only when it changed nothing, as a batch of unchanged scores).
 */
export interface AuditedChange<T> {
  result: T;
  audit: YearAudit | readonly YearAudit[];
}

export interface AssessmentService {
  /** For reads; every write goes through `changeOpenYear`, `changeCommunity` or `createYear`. */
  readonly repo: Omit<AssessmentRepository, 'recordAudit' | 'transaction'>;
  /** The year, or 404 `assessment_year_unknown`. */
  year(year: number): AssessmentYear;
  /** The year while it may still change, or 409 `assessment_locked`. */
  openYear(year: number): AssessmentYear;
  /** The communities the year is assessed on: the frozen list once locked, else today's. */
  communities(year: AssessmentYear): LockedCommunity[];
  results(year: AssessmentYear): YearResults;
  /** The year's settings, the scorecard's defaults until the team sets them. */
  settings(year: AssessmentYear): YearSettings;
  /**
   * The one way to change an open year: in one transaction, the year is read and refused when
   * locked, `change` writes, and its audit rows are recorded — a refusal or failure anywhere
   * leaves nothing behind.
   */
  changeOpenYear<T>(
    yearNumber: number,
    actor: Actor,
    at: string,
    change: (year: AssessmentYear) => AuditedChange<T>,
  ): T;
  /** `changeOpenYear` for one community of the year, or 404 `community_unknown`. */
  changeCommunity<T>(
    yearNumber: number,
    code: string,
    actor: Actor,
    at: string,
    change: (year: AssessmentYear) => AuditedChange<T>,
  ): T;
  /**
   * A new open year, or 409 `assessment_year_exists` when it is there: `create` is given the
   * latest year before it (undefined for the first), writes the year and names its audit rows,
   * all in one transaction.
   */
  createYear(
    yearNumber: number,
    actor: Actor,
    at: string,
    create: (previous: AssessmentYear | undefined) => AuditedChange<AssessmentYear>,
  ): AssessmentYear;
}

export function assessmentService(
  repos: Pick<Repositories, 'assessment' | 'communities' | 'coverage' | 'registers'>,
): AssessmentService {
  const repo = repos.assessment;

  // The 30 points are the coverage service's, blended by the year's interview share: the same
  // figure the dashboard and the export's 汇总 show.
  const liveCommunities = (year: number, settings: YearSettings): LockedCommunity[] =>
    communityCoverage(
      repos.communities.list(),
      repos.coverage.responseTotals(year),
      repos.coverage.interviewCounts(year),
      repos.registers.totals(year),
      { interviewShare: settings.interviewShare },
    ).map((c) => ({
      code: c.code,
      name: c.name,
      type: c.type,
      computed: c.satisfactionPoints,
      coverage: {
        surveyed: c.surveyedHouseholds,
        total: c.totalHouseholds,
        ratio: c.coverage,
        meetsTarget: c.meetsTarget,
      },
      interviews: { count: c.interviews.total, meetsTarget: c.interviews.meetsTarget },
    }));

  const record = (
    year: number,
    actor: Actor,
    at: string,
    audit: AuditedChange<unknown>['audit'],
  ) => {
    const rows: readonly YearAudit[] = Array.isArray(audit) ? audit : [audit as YearAudit];
    for (const row of rows) {
      repo.recordAudit({ ...row, year, at, actorUserId: actor.id, actorName: actor.name });
    }
  };

  const service: AssessmentService = {
    repo,
    year(year) {
      const found = repo.getYear(year);
      if (!found) throw new AppError('assessment_year_unknown');
      return found;
    },
    openYear(year) {
      const found = service.year(year);
      if (found.state === 'locked') throw new AppError('assessment_locked');
      return found;
    },
    communities(year) {
      return year.lockedSnapshot ?? liveCommunities(year.year, service.settings(year));
    },
    settings(year) {
      return year.settings ?? DEFAULT_YEAR_SETTINGS;
    },
    results(year) {
      const settings = service.settings(year);
      return yearResults({
        bonusRules: bonusRulesFor(settings),
        coverageConsequence: settings.coverageConsequence,
        communities: service.communities(year),
        scores: repo.listScores(year.year),
        entries: repo.listEntries(year.year),
        adjustments: repo.listAdjustments(year.year),
        // Until the lock an incomplete community is 待定; the lock settles every grade, since it
        // is refused unless each incompleteness is resolved or accepted with a reason.
        graded: year.state === 'locked' ? 'all' : 'complete',
        ...(year.gradeRule ? { gradeRule: year.gradeRule } : {}),
      });
    },
    changeOpenYear(yearNumber, actor, at, change) {
      return repo.transaction(() => {
        const year = service.openYear(yearNumber);
        const { result, audit } = change(year);
        record(year.year, actor, at, audit);
        return result;
      });
    },
    changeCommunity(yearNumber, code, actor, at, change) {
      return service.changeOpenYear(yearNumber, actor, at, (year) => {
        if (!service.communities(year).some((c) => c.code === code)) {
          throw new AppError('community_unknown');
        }
        return change(year);
      });
    },
    createYear(yearNumber, actor, at, create) {
      return repo.transaction(() => {
        if (repo.getYear(yearNumber)) throw new AppError('assessment_year_exists');
        const { result, audit } = create(repo.listYears()[0]);
        record(result.year, actor, at, audit);
        return result;
      });
    },
  };
  return service;
}
