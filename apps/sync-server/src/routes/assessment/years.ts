import {
  DEFAULT_GRADE_RULE,
  DEFAULT_YEAR_SETTINGS,
  GradeRuleSchema,
  YearSettingsSchema,
} from '@jiuting/scorecard';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errorResponses } from '../../errors.ts';
import type { AssessmentYear } from '../../repositories/assessment.ts';
import type { AssessmentService } from '../../services/assessment/assessment-service.ts';
import { type LockFacts, lockIssues } from '../../services/assessment/lock-checks.ts';
import { actorOf } from './actor.ts';
import {
  CreateYearSchema,
  LockBodySchema,
  LockIssueSchema,
  YearParamsSchema,
  YearSchema,
} from './schemas.ts';

const toYear = (y: AssessmentYear) => ({
  year: y.year,
  state: y.state,
  createdAt: y.createdAt,
  lockedAt: y.lockedAt,
  lockNote: y.lockNote,
  gradeRule: y.gradeRule ?? DEFAULT_GRADE_RULE,
  lockExceptions: y.lockExceptions,
  settings: y.settings ?? DEFAULT_YEAR_SETTINGS,
});

const SettingsBodySchema = z.strictObject({
  settings: YearSettingsSchema,
  reason: z
    .string({ error: '请写明修改年度设置的理由' })
    .trim()
    .min(1, '请写明修改年度设置的理由')
    .max(200, '理由不能超过 200 个字'),
});

const GradeRuleBodySchema = z.strictObject({
  rule: GradeRuleSchema,
  reason: z
    .string({ error: '请写明修改等次规则的理由' })
    .trim()
    .min(1, '请写明修改等次规则的理由')
    .max(200, '理由不能超过 200 个字'),
});

/** One assessment a year: created open, locked once 镇党委 has decided, never reopened. */
export function yearRoutes(ctx: AssessmentService): FastifyPluginAsyncZod {
  return async (app) => {
    // A year-wide choice the team makes before the lock (grade rule, settings): old → new, why.
    const changeYear = (
      request: FastifyRequest,
      yearNumber: number,
      change: {
        action: 'grade_rule_set' | 'settings_set';
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
    const lockFacts: LockFacts = {
      outsideRegisterUnreviewed: (code) => app.repos.registers.unreviewedOutsideCount(code),
    };
    const staff = app.requireRole('admin', 'coordinator');
    const anyone = app.requireRole('admin', 'coordinator', 'department_scorer');

    app.get(
      '/assessment/years',
      {
        schema: {
          response: { 200: z.object({ years: z.array(YearSchema) }), ...errorResponses(401, 403) },
        },
        onRequest: anyone,
      },
      async () => ({ years: ctx.repo.listYears().map(toYear) }),
    );

    app.post(
      '/assessment/years',
      {
        schema: {
          body: CreateYearSchema,
          response: { 200: z.object({ year: YearSchema }), ...errorResponses(400, 401, 403, 409) },
        },
        onRequest: staff,
      },
      async (request) => {
        const year = ctx.createYear(request.body.year, actorOf(request), app.now().toISOString());
        return { year: toYear(year) };
      },
    );

    app.get(
      '/assessment/:year',
      {
        schema: {
          params: YearParamsSchema,
          response: { 200: z.object({ year: YearSchema }), ...errorResponses(401, 403, 404) },
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
            200: z.object({ year: YearSchema }),
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
            200: z.object({ year: YearSchema }),
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
            200: z.object({ issues: z.array(LockIssueSchema) }),
            ...errorResponses(401, 403, 404),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const year = ctx.year(request.params.year);
        return { issues: year.state === 'locked' ? [] : lockIssues(ctx.results(year), lockFacts) };
      },
    );

    app.post(
      '/assessment/:year/lock',
      {
        schema: {
          params: YearParamsSchema,
          body: LockBodySchema,
          response: {
            200: z.object({ year: YearSchema }),
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
          const issues = lockIssues(ctx.results(year), lockFacts);
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
