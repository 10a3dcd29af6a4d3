import {
  AdjustedAnswerSchema,
  AssessmentCommunityParamsSchema,
  BonusBodySchema,
  DeductionsBodySchema,
  SatisfactionAnswerSchema,
  SatisfactionBodySchema,
} from '@jiuting/api-contract';
import {
  bonusRulesFor,
  checkSatisfactionOverride,
  computeBonus,
  computeDeductions,
  ScorecardError,
} from '@jiuting/scorecard';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../errors.ts';
import type { AssessmentService } from '../../services/assessment/assessment-service.ts';
import { refusal, refusedOnRuleError } from '../../services/assessment/assessment-service.ts';
import { actorOf } from './actor.ts';

/** The coordinators' adjustments per community: bonus, deductions, the satisfaction override. */
export function adjustmentRoutes(ctx: AssessmentService): FastifyPluginAsyncZod {
  return async (app) => {
    const staff = app.requireRole('admin', 'coordinator');

    app.put(
      '/assessment/:year/communities/:code/bonus',
      {
        schema: {
          params: AssessmentCommunityParamsSchema,
          body: BonusBodySchema,
          response: {
            200: AdjustedAnswerSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const { year, code } = request.params;
        const { reason, ...bonus } = request.body;
        const at = app.now().toISOString();
        return ctx.changeCommunity(year, code, actorOf(request), at, (y) => {
          const rules = bonusRulesFor(ctx.settings(y));
          const computed = refusedOnRuleError(() => computeBonus(bonus, rules));
          const old = ctx.repo.getAdjustments(y.year, code).bonus;
          ctx.repo.setBonus(y.year, code, bonus, at);
          return {
            result: { points: computed.points, capped: computed.capped },
            audit: {
              action: 'bonus_set',
              communityCode: code,
              oldValue: old,
              newValue: bonus,
              reason: reason ?? null,
            },
          };
        });
      },
    );

    app.put(
      '/assessment/:year/communities/:code/deductions',
      {
        schema: {
          params: AssessmentCommunityParamsSchema,
          body: DeductionsBodySchema,
          response: {
            200: AdjustedAnswerSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const { year, code } = request.params;
        const { reason, deductions } = request.body;
        const at = app.now().toISOString();
        return ctx.changeCommunity(year, code, actorOf(request), at, (y) => {
          const computed = refusedOnRuleError(() => computeDeductions(deductions), 'deductions');
          const old = ctx.repo.getAdjustments(y.year, code).deductions;
          ctx.repo.setDeductions(y.year, code, deductions, at);
          return {
            result: { points: computed.points, capped: computed.capped },
            audit: {
              action: 'deductions_set',
              communityCode: code,
              oldValue: old,
              newValue: deductions,
              reason: reason ?? null,
            },
          };
        });
      },
    );

    app.put(
      '/assessment/:year/communities/:code/satisfaction',
      {
        schema: {
          params: AssessmentCommunityParamsSchema,
          body: SatisfactionBodySchema,
          response: {
            200: SatisfactionAnswerSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const { year, code } = request.params;
        const { points, reason } = request.body;
        const actor = actorOf(request);
        const at = app.now().toISOString();
        const override = points === null ? null : { points, reason, by: actor.name, at };
        // Taking an override away needs a reason too: it changes the total as much as setting one.
        const error = override
          ? checkSatisfactionOverride(override, '')
          : reason.trim() === ''
            ? new ScorecardError(
                'override_reason_required',
                '调整群众满意度测评得分必须填写理由',
                'reason',
              )
            : null;
        if (error) throw refusal(error);
        return ctx.changeCommunity(year, code, actor, at, (y) => {
          const old = ctx.repo.getAdjustments(y.year, code).satisfactionOverride;
          ctx.repo.setSatisfactionOverride(y.year, code, override, at);
          const computed = ctx.communities(y).find((c) => c.code === code)?.computed;
          return {
            result: override
              ? { points: override.points, source: 'override' }
              : { points: computed ?? null, source: computed == null ? 'missing' : 'survey' },
            audit: {
              action: 'satisfaction_override_set',
              communityCode: code,
              itemId: 'mass.satisfaction.overall',
              oldValue: old ? { points: old.points } : null,
              newValue: override ? { points: override.points } : null,
              reason,
            },
          };
        });
      },
    );
  };
}
