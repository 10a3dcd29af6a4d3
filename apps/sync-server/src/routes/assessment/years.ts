import {
  CollectionBodySchema,
  CreateYearSchema,
  GradeRuleBodySchema,
  LockBodySchema,
  LockCheckAnswerSchema,
  SettingsBodySchema,
  YearAnswerSchema,
  YearParamsSchema,
  YearsAnswerSchema,
} from '@jiuting/api-contract';
import { DEFAULT_GRADE_RULE, DEFAULT_YEAR_SETTINGS } from '@jiuting/scorecard';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import type { AssessmentYear } from '../../repositories/assessment.ts';
import type { AssessmentService } from '../../services/assessment/assessment-service.ts';
import { type LockFacts, lockIssues } from '../../services/assessment/lock-checks.ts';
import { knownQuestionnaireVersions } from '../../services/assessment-year.ts';
import { actorOf } from './actor.ts';

const toYear = (y: AssessmentYear) => ({
  year: y.year,
  state: y.state,
  createdAt: y.createdAt,
  lockedAt: y.lockedAt,
  lockNote: y.lockNote,
  gradeRule: y.gradeRule ?? DEFAULT_GRADE_RULE,
  lockExceptions: y.lockExceptions,
  settings: y.settings ?? DEFAULT_YEAR_SETTINGS,
  questionnaireVersion: y.questionnaireVersion,
  collectionFrom: y.collectionFrom,
  collectionTo: y.collectionTo,
  rawDeletedAt: y.rawDeletedAt,
});

/** One assessment a year: created open, locked once 镇党委 has decided, never reopened. */
function knownVersion(version: number): number {
  if (!knownQuestionnaireVersions().includes(version)) {
    throw new AppError('questionnaire_version_unknown', [
      {
        path: 'questionnaireVersion',
        message: `没有第 ${version} 版问卷；可用的版本：${knownQuestionnaireVersions().join('、')}`,
      },
    ]);
  }
  return version;
}

export function yearRoutes(ctx: AssessmentService): FastifyPluginAsyncZod {
  return async (app) => {
    // A year-wide choice the team makes before the lock (grade rule, settings): old → new, why.
    const changeYear = (
      request: FastifyRequest,
      yearNumber: number,
      change: {
        action: 'grade_rule_set' | 'settings_set' | 'collection_set';
        oldValue: (year: AssessmentYear) => unknown;
        newValue: unknown;
        reason: string;
        write: (year: AssessmentYear) => void;
      },
    ) => {
      const changed = ctx.changeOpenYear(
        yearNumber,
        actorOf(request),
        app.now().toISOString(),
        (year) => {
          const oldValue = change.oldValue(year);
          change.write(year);
          return {
            result: ctx.year(year.year),
            audit: {
              action: change.action,
              oldValue,
              newValue: change.newValue,
              reason: change.reason,
            },
          };
        },
      );
      return { year: toYear(changed) };
    };
    const lockFacts = (year: number): LockFacts => ({
      outsideRegisterUnreviewed: (code) => app.repos.registers.unreviewedOutsideCount(code, year),
    });
    const staff = app.requireRole('admin', 'coordinator');
    const anyone = app.requireRole('admin', 'coordinator', 'department_scorer');

    app.get(
      '/assessment/years',
      {
        schema: {
          response: {
            200: YearsAnswerSchema,
            ...errorResponses(401, 403),
          },
        },
        onRequest: anyone,
      },
      // currentYear: the year collection goes to and the views default to (the latest opened).
      async () => ({
        years: ctx.repo.listYears().map(toYear),
        currentYear: app.repos.years.current().year,
      }),
    );

    app.post(
      '/assessment/years',
      {
        schema: {
          body: CreateYearSchema,
          response: { 200: YearAnswerSchema, ...errorResponses(400, 401, 403, 409) },
        },
        onRequest: staff,
      },
      // Opening the next year. Communities, their registers and the staff's assignments are the
      // town's as it is now, not a year's (docs/api.md, "Assessment years"), so nothing of theirs
      // is copied: they simply go on. What is a year's: its settings and grade rule (copied from
      // the year before, to change with a reason), its questionnaire version and collection
      // window, and its QR links (rotated, the old ones kept as the previous year's). The
      // previous year stays open for December's late items until the team locks it.
      async (request) => {
        const body = request.body;
        const at = app.now().toISOString();
        const actor = actorOf(request);
        const year = ctx.createYear(body.year, actor, at, (previous) => {
          if (previous && previous.year > body.year) {
            throw new AppError(
              'assessment_year_not_next',
              [{ path: 'year', message: `已有 ${previous.year} 年度，新年度应晚于它` }],
              `已有 ${previous.year} 年度，只能开启更晚的年度`,
            );
          }
          const questionnaireVersion = knownVersion(
            body.questionnaireVersion ??
              previous?.questionnaireVersion ??
              app.repos.years.current().questionnaireVersion,
          );
          const created = ctx.repo.createYear({
            year: body.year,
            by: actor.id,
            at,
            questionnaireVersion,
            collectionFrom: body.collectionFrom ?? null,
            collectionTo: body.collectionTo ?? null,
            gradeRule: previous?.gradeRule ?? null,
            settings: previous?.settings ?? null,
          });
          // The first year keeps the posters already up; each later one gets new links.
          const qrLinksRotated = previous
            ? app.repos.communities.retireQrLinks(previous.year, at)
            : 0;
          return {
            result: created,
            audit: {
              action: previous ? 'year_opened' : 'year_created',
              newValue: {
                state: 'open',
                questionnaireVersion,
                collectionFrom: created.collectionFrom,
                collectionTo: created.collectionTo,
                ...(previous
                  ? { copiedFrom: previous.year, copied: ['settings', 'gradeRule'], qrLinksRotated }
                  : {}),
              },
            },
          };
        });
        return { year: toYear(year) };
      },
    );

    // The questionnaire version and collection window, set like the settings: before the lock,
    // with a reason. Records already stored keep the year they were given at ingest.
    app.put(
      '/assessment/:year/collection',
      {
        schema: {
          params: YearParamsSchema,
          body: CollectionBodySchema,
          response: {
            200: YearAnswerSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const { reason, ...collection } = request.body;
        knownVersion(collection.questionnaireVersion);
        return changeYear(request, request.params.year, {
          action: 'collection_set',
          oldValue: (year) => ({
            questionnaireVersion: year.questionnaireVersion,
            collectionFrom: year.collectionFrom,
            collectionTo: year.collectionTo,
          }),
          newValue: collection,
          reason,
          write: (year) => ctx.repo.setCollection(year.year, collection),
        });
      },
    );

    app.get(
      '/assessment/:year',
      {
        schema: {
          params: YearParamsSchema,
          response: { 200: YearAnswerSchema, ...errorResponses(401, 403, 404) },
        },
        onRequest: anyone,
      },
      async (request) => ({ year: toYear(ctx.year(request.params.year)) }),
    );

    // The plan names the grades but not how they are given: the team sets the rule for the
    // year (before the lock, with a reason, in the audit trail) and the results follow it.
    app.put(
      '/assessment/:year/grade-rule',
      {
        schema: {
          params: YearParamsSchema,
          body: GradeRuleBodySchema,
          response: {
            200: YearAnswerSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const { rule, reason } = request.body;
        return changeYear(request, request.params.year, {
          action: 'grade_rule_set',
          oldValue: (year) => year.gradeRule ?? DEFAULT_GRADE_RULE,
          newValue: rule,
          reason,
          write: (year) => ctx.repo.setGradeRule(year.year, rule),
        });
      },
    );

    // The figures the plan leaves open, set like the grade rule: before the lock, with a reason.
    app.put(
      '/assessment/:year/settings',
      {
        schema: {
          params: YearParamsSchema,
          body: SettingsBodySchema,
          response: {
            200: YearAnswerSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const { settings, reason } = request.body;
        return changeYear(request, request.params.year, {
          action: 'settings_set',
          oldValue: (year) => ctx.settings(year),
          newValue: settings,
          reason,
          write: (year) => ctx.repo.setSettings(year.year, settings),
        });
      },
    );

    // What the lock would refuse today: the lock dialog lists it, to resolve or accept.
    app.get(
      '/assessment/:year/lock-check',
      {
        schema: {
          params: YearParamsSchema,
          response: {
            200: LockCheckAnswerSchema,
            ...errorResponses(401, 403, 404),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const year = ctx.year(request.params.year);
        return {
          issues:
            year.state === 'locked' ? [] : lockIssues(ctx.results(year), lockFacts(year.year)),
        };
      },
    );

    app.post(
      '/assessment/:year/lock',
      {
        schema: {
          params: YearParamsSchema,
          body: LockBodySchema,
          response: {
            200: YearAnswerSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const actor = actorOf(request);
        const at = app.now().toISOString();
        const reasons = new Map((request.body.accepted ?? []).map((a) => [a.key, a.reason]));
        const locked = ctx.changeOpenYear(request.params.year, actor, at, (year) => {
          // The checks read the same results the ranking shows, inside the lock's transaction.
          const issues = lockIssues(ctx.results(year), lockFacts(year.year));
          const unresolved = issues.filter((i) => !reasons.has(i.key));
          if (unresolved.length > 0) {
            throw new AppError(
              'lock_incomplete',
              unresolved.map((i) => ({ path: `issues.${i.key}`, message: i.message })),
              `还有 ${unresolved.length} 项未完成，须先处理或写明理由后接受：${unresolved[0]?.message ?? ''}`,
            );
          }
          const exceptions = issues.map((i) => ({
            key: i.key,
            kind: i.kind,
            message: i.message,
            reason: reasons.get(i.key) ?? '',
          }));
          const accepted = exceptions.map((e, index) => ({
            action: 'lock_exception_accepted' as const,
            communityCode: issues[index]?.communityCode ?? null,
            itemId: issues[index]?.itemId ?? null,
            newValue: { key: e.key, kind: e.kind, message: e.message },
            reason: e.reason,
          }));
          // The survey keeps syncing after the decision: freeze what it gave at this moment.
          const snapshot = ctx.communities(year);
          ctx.repo.lockYear(year.year, {
            by: actor.id,
            at,
            note: request.body.note,
            snapshot,
            exceptions,
          });
          return {
            result: ctx.year(year.year),
            audit: [
              ...accepted,
              {
                action: 'year_locked' as const,
                oldValue: { state: 'open' },
                newValue: { state: 'locked', exceptions: exceptions.length },
                reason: request.body.note,
              },
            ],
          };
        });
        return { year: toYear(locked) };
      },
    );
  };
}
