import type { FieldIssue } from '@jiuting/questionnaire';
import {
  canConfirm,
  checkItemScoreEntry,
  type DepartmentId,
  departmentById,
  type ItemId,
  indicatorById,
  isDepartmentId,
  itemsScoredBy,
  itemTitle,
  type ScorecardError,
} from '@jiuting/scorecard';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import type { AssessmentContext } from './context.ts';
import {
  HotlineSchema,
  ItemParamsSchema,
  ItemScoreSchema,
  ScoreEntriesSchema,
  YearParamsSchema,
} from './schemas.ts';

// Codes that mean "this item is not yours": answered 403, whatever else the batch holds.
const NOT_YOURS: ReadonlySet<string> = new Set([
  'department_not_scorer',
  'item_not_department_scored',
]);

const ScoringItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  indicator: z.string(),
  maxPoints: z.number(),
  step: z.number(),
  subItems: z.array(z.string()),
  printedDepartments: z.string(),
  /** This department confirms the item's points (its lead). */
  lead: z.boolean(),
});

function departmentOf(request: FastifyRequest): DepartmentId {
  const { department } = principalOf(request).user;
  // The users table guarantees a department for this role; an unknown one is refused, not guessed.
  if (!department || !isDepartmentId(department)) throw new AppError('forbidden');
  return department;
}

/** A department scorer: their items × every community, their entries, and the lead's confirm. */
export function scoringRoutes(ctx: AssessmentContext): FastifyPluginAsyncZod {
  return async (app) => {
    const scorer = app.requireRole('department_scorer');

    app.get(
      '/assessment/:year/scoring',
      {
        schema: {
          params: YearParamsSchema,
          response: {
            200: z.object({
              year: z.number(),
              state: z.enum(['open', 'locked']),
              department: z.object({ id: z.string(), name: z.string() }),
              items: z.array(ScoringItemSchema),
              communities: z.array(
                z.object({ code: z.string(), name: z.string(), type: z.string() }),
              ),
              scores: z.array(ItemScoreSchema),
              hotline: z.array(HotlineSchema),
            }),
            ...errorResponses(401, 403, 404),
          },
        },
        onRequest: scorer,
      },
      async (request) => {
        const department = departmentOf(request);
        const year = ctx.year(request.params.year);
        const items = itemsScoredBy(department);
        const mine = new Set<string>(items.map((i) => i.id));
        return {
          year: year.year,
          state: year.state,
          department: { id: department, name: departmentById(department).name },
          items: items.map((item) => ({
            id: item.id,
            title: itemTitle(item),
            indicator: indicatorById(item.indicatorId).name,
            maxPoints: item.points,
            step: item.step,
            subItems: item.subItems.map((s) => s.text),
            printedDepartments: item.printedDepartments,
            lead: canConfirm(department, item.id),
          })),
          communities: ctx
            .communities(year)
            .map((c) => ({ code: c.code, name: c.name, type: c.type })),
          scores: ctx.repo.listScores(year.year).filter((s) => mine.has(s.itemId)),
          // 城运中心 scores the work-order item on these figures; any scorer may read them.
          hotline: mine.has('mass.hotline.work-orders') ? ctx.repo.listHotline(year.year) : [],
        };
      },
    );

    app.post(
      '/assessment/:year/scores',
      {
        schema: {
          params: YearParamsSchema,
          body: ScoreEntriesSchema,
          response: {
            200: z.object({ saved: z.number(), changed: z.number() }),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: scorer,
      },
      async (request) => {
        const department = departmentOf(request);
        const actor = ctx.actor(request);
        const at = app.now().toISOString();
        const { entries } = request.body;
        return ctx.repo.transaction(() => {
          const year = ctx.openYear(request.params.year);
          const known = new Set(ctx.communities(year).map((c) => c.code));
          // Every entry is checked before any is stored: the batch is all or nothing.
          const refused: { error: ScorecardError | null; issue: FieldIssue }[] = [];
          entries.forEach((entry, index) => {
            const error = checkItemScoreEntry({ ...entry, department });
            if (error) {
              refused.push({
                error,
                issue: { path: `entries.${index}.${error.path}`, message: error.message },
              });
            } else if (!known.has(entry.communityCode)) {
              refused.push({
                error: null,
                issue: {
                  path: `entries.${index}.communityCode`,
                  message: `没有居民区 ${entry.communityCode}`,
                },
              });
            }
          });
          if (refused.length > 0) {
            const first =
              refused.find((r) => r.error && NOT_YOURS.has(r.error.code)) ??
              refused.find((r) => r.error) ??
              refused[0];
            const issues = refused.map((r) => r.issue);
            if (!first?.error) throw new AppError('community_unknown', issues);
            throw new AppError(first.error.code, issues, first.error.message);
          }
          let changed = 0;
          for (const entry of entries) {
            const itemId = entry.itemId as ItemId;
            const old = ctx.repo.getScore(year.year, entry.communityCode, itemId);
            if (old && old.points === entry.points && old.basis === entry.basis) continue;
            ctx.repo.putScore(year.year, {
              communityCode: entry.communityCode,
              itemId,
              points: entry.points,
              basis: entry.basis,
              department,
              by: actor.id,
              at,
            });
            ctx.repo.recordAudit({
              year: year.year,
              at,
              actorUserId: actor.id,
              actorName: actor.name,
              action: 'item_scored',
              communityCode: entry.communityCode,
              itemId,
              oldValue: old ? { points: old.points, basis: old.basis } : null,
              newValue: { points: entry.points, basis: entry.basis, department },
              reason: entry.basis,
            });
            changed += 1;
          }
          return { saved: entries.length, changed };
        });
      },
    );

    app.post(
      '/assessment/:year/items/:itemId/confirm',
      {
        schema: {
          params: ItemParamsSchema,
          response: {
            200: z.object({ confirmed: z.number() }),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: scorer,
      },
      async (request) => {
        const department = departmentOf(request);
        const actor = ctx.actor(request);
        const at = app.now().toISOString();
        const { itemId } = request.params;
        return ctx.repo.transaction(() => {
          const year = ctx.openYear(request.params.year);
          if (!canConfirm(department, itemId)) throw new AppError('not_lead_department');
          const entered = new Set(
            ctx.repo
              .listScores(year.year)
              .filter((s) => s.itemId === itemId)
              .map((s) => s.communityCode),
          );
          const missing = ctx.communities(year).filter((c) => !entered.has(c.code));
          if (missing.length > 0) {
            throw new AppError('scores_incomplete', [
              {
                path: 'communities',
                message: `以下居民区还没有得分：${missing.map((c) => c.name).join('、')}`,
              },
            ]);
          }
          const confirmed = ctx.repo.confirmItem(year.year, itemId, actor.id, at);
          ctx.repo.recordAudit({
            year: year.year,
            at,
            actorUserId: actor.id,
            actorName: actor.name,
            action: 'item_confirmed',
            itemId,
            newValue: { confirmed, department },
          });
          return { confirmed };
        });
      },
    );
  };
}
