import { satisfactionPoints } from '@jiuting/questionnaire';
import {
  bonusRulesFor,
  DEFAULT_YEAR_SETTINGS,
  type ScorecardError,
  type YearSettings,
} from '@jiuting/scorecard';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import {
  type AssessmentRepository,
  type AssessmentYear,
  assessmentRepository,
  type LockedCommunity,
} from '../../repositories/assessment.ts';
import { communityCoverage } from '../../services/coverage.ts';
import { type YearResults, yearResults } from './results.ts';

/** A scorecard refusal as the server's error body, under the package's own code and words. */
export function refusal(error: ScorecardError, prefix = ''): AppError {
  const path = [prefix, error.path].filter(Boolean).join('.');
  return new AppError(error.code, [{ path, message: error.message }], error.message);
}

export interface AssessmentContext {
  readonly repo: AssessmentRepository;
  /** The year, or 404 `assessment_year_unknown`. */
  year(year: number): AssessmentYear;
  /** The year while it may still change, or 409 `assessment_locked`. */
  openYear(year: number): AssessmentYear;
  /** The communities the year is assessed on: the frozen list once locked, else today's. */
  communities(year: AssessmentYear): LockedCommunity[];
  results(year: AssessmentYear): YearResults;
  /** The year's settings, the scorecard's defaults until the team sets them. */
  settings(year: AssessmentYear): YearSettings;
  actor(request: FastifyRequest): { id: string; name: string };
}

export function assessmentContext(app: FastifyInstance): AssessmentContext {
  const repo = assessmentRepository(app.db);

  // The 30 points come from the coverage service's means, blended by the year's interview share
  // (with the default share of 0, the same figure the coverage dashboard shows).
  const liveCommunities = (year: number, settings: YearSettings): LockedCommunity[] =>
    communityCoverage(
      app.repos.communities.list(),
      app.repos.coverage.responseTotals(year),
      app.repos.coverage.interviewCounts(year),
      app.repos.registers.totals(),
    ).map((c) => ({
      code: c.code,
      name: c.name,
      type: c.type,
      computed: satisfactionPoints(c.meanSurveyScore, c.meanInterviewScore, {
        interviewShare: settings.interviewShare,
      }),
      coverage: {
        surveyed: c.surveyedHouseholds,
        total: c.totalHouseholds,
        ratio: c.coverage,
        meetsTarget: c.meetsTarget,
      },
      interviews: { count: c.interviews.total, meetsTarget: c.interviews.meetsTarget },
    }));

  const context: AssessmentContext = {
    repo,
    year(year) {
      const found = repo.getYear(year);
      if (!found) throw new AppError('assessment_year_unknown');
      return found;
    },
    openYear(year) {
      const found = context.year(year);
      if (found.state === 'locked') throw new AppError('assessment_locked');
      return found;
    },
    communities(year) {
      return year.lockedSnapshot ?? liveCommunities(year.year, context.settings(year));
    },
    settings(year) {
      return year.settings ?? DEFAULT_YEAR_SETTINGS;
    },
    results(year) {
      const settings = context.settings(year);
      return yearResults({
        bonusRules: bonusRulesFor(settings),
        coverageConsequence: settings.coverageConsequence,
        communities: context.communities(year),
        scores: repo.listScores(year.year),
        entries: repo.listEntries(year.year),
        adjustments: repo.listAdjustments(year.year),
        // Until the lock an incomplete community is 待定; the lock settles every grade, since it
        // is refused unless each incompleteness is resolved or accepted with a reason.
        graded: year.state === 'locked' ? 'all' : 'complete',
        ...(year.gradeRule ? { gradeRule: year.gradeRule } : {}),
      });
    },
    actor(request) {
      const { user } = principalOf(request);
      return { id: user.id, name: `${user.displayName}（${user.username}）` };
    },
  };
  return context;
}
