import {
  DecisionAnswerSchema,
  DecisionBodySchema,
  ProposalBodySchema,
  ProposalCreatedSchema,
  ProposalParamsSchema,
  ProposalsAnswerSchema,
  YearParamsSchema,
} from '@jiuting/api-contract';
import {
  type AdjustmentProposal,
  bonusRulesFor,
  checkProposal,
  computeBonus,
  computeDeductions,
  type DeductionCase,
  type Honour,
  isDepartmentId,
  type SelfGovernanceCase,
} from '@jiuting/scorecard';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import type { AssessmentService } from '../../services/assessment/assessment-service.ts';
import {
  refusal,
  refusedOnRuleError,
  type YearAudit,
} from '../../services/assessment/assessment-service.ts';
import { actorOf } from './actor.ts';

// Departments propose bonus and deduction entries with their evidence; coordinators accept
// (the entry joins the community's inputs, checked against the caps) or refuse them. Every
// step is one transaction with its audit row.

export function proposalRoutes(ctx: AssessmentService): FastifyPluginAsyncZod {
  return async (app) => {
    const scorer = app.requireRole('department_scorer');
    const readers = app.requireRole('admin', 'coordinator', 'department_scorer');
    const staff = app.requireRole('admin', 'coordinator');

    app.post(
      '/assessment/:year/proposals',
      {
        schema: {
          params: YearParamsSchema,
          body: ProposalBodySchema,
          response: {
            200: ProposalCreatedSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: scorer,
      },
      async (request) => {
        const { department } = principalOf(request).user;
        if (!department || !isDepartmentId(department)) throw new AppError('forbidden');
        const actor = actorOf(request);
        const at = app.now().toISOString();
        const { communityCode, evidence, ...rest } = request.body;
        const proposal = rest as AdjustmentProposal;
        return ctx.changeCommunity(request.params.year, communityCode, actor, at, (year) => {
          const error = checkProposal(
            department,
            proposal,
            evidence,
            bonusRulesFor(ctx.settings(year)),
          );
          if (error) throw refusal(error);
          const entry =
            proposal.kind === 'honour'
              ? proposal.honour
              : proposal.kind === 'case'
                ? proposal.case
                : proposal.deduction;
          const id = ctx.repo.addProposal(year.year, {
            communityCode,
            kind: proposal.kind,
            entry,
            evidence,
            department,
            by: actor.id,
            at,
          });
          return {
            result: { id },
            audit: {
              action: 'adjustment_proposed',
              communityCode,
              newValue: { id, kind: proposal.kind, entry, department },
              reason: evidence,
            },
          };
        });
      },
    );

    app.get(
      '/assessment/:year/proposals',
      {
        schema: {
          params: YearParamsSchema,
          response: {
            200: ProposalsAnswerSchema,
            ...errorResponses(401, 403, 404),
          },
        },
        onRequest: readers,
      },
      async (request) => {
        const { user } = principalOf(request);
        const year = ctx.year(request.params.year);
        // A department sees its own proposals and their fate; coordinators see all.
        const department = user.role === 'department_scorer' ? (user.department ?? '-') : undefined;
        return { proposals: ctx.repo.listProposals(year.year, department) };
      },
    );

    app.post(
      '/assessment/:year/proposals/:id/decision',
      {
        schema: {
          params: ProposalParamsSchema,
          body: DecisionBodySchema,
          response: {
            200: DecisionAnswerSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const actor = actorOf(request);
        const at = app.now().toISOString();
        const { accept, reason } = request.body;
        return ctx.changeOpenYear(request.params.year, actor, at, (year) => {
          const proposal = ctx.repo
            .listProposals(year.year)
            .find((p) => p.id === request.params.id);
          if (!proposal) throw new AppError('proposal_unknown');
          if (proposal.state !== 'proposed') throw new AppError('proposal_decided');
          const state = accept ? 'accepted' : 'refused';
          const audit: YearAudit[] = [];
          if (accept) {
            const code = proposal.communityCode;
            const current = ctx.repo.getAdjustments(year.year, code);
            if (proposal.kind === 'deduction') {
              const deductions = [...current.deductions, proposal.entry as DeductionCase];
              refusedOnRuleError(() => computeDeductions(deductions), 'deductions');
              ctx.repo.setDeductions(year.year, code, deductions, at);
              audit.push({
                action: 'deductions_set',
                communityCode: code,
                oldValue: current.deductions,
                newValue: deductions,
                reason: `采纳部门建议 #${proposal.id}：${reason}`,
              });
            } else {
              const bonus =
                proposal.kind === 'honour'
                  ? {
                      ...current.bonus,
                      honours: [...current.bonus.honours, proposal.entry as Honour],
                    }
                  : {
                      ...current.bonus,
                      cases: [...current.bonus.cases, proposal.entry as SelfGovernanceCase],
                    };
              refusedOnRuleError(() => computeBonus(bonus, bonusRulesFor(ctx.settings(year))));
              ctx.repo.setBonus(year.year, code, bonus, at);
              audit.push({
                action: 'bonus_set',
                communityCode: code,
                oldValue: current.bonus,
                newValue: bonus,
                reason: `采纳部门建议 #${proposal.id}：${reason}`,
              });
            }
          }
          ctx.repo.decideProposal(proposal.id, { state, by: actor.id, at, reason });
          audit.push({
            action: accept ? 'proposal_accepted' : 'proposal_refused',
            communityCode: proposal.communityCode,
            oldValue: { id: proposal.id, kind: proposal.kind, entry: proposal.entry },
            newValue: { state },
            reason,
          });
          return { result: { state }, audit };
        });
      },
    );
  };
}
