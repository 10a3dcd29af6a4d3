import {
  ConfirmAnswerSchema,
  ConfirmBodySchema,
  ItemParamsSchema,
  SavedScoresAnswerSchema,
  ScoreEntriesSchema,
  ScoringAnswerSchema,
  YearParamsSchema,
} from '@jiuting/api-contract';
import type { FieldIssue } from '@jiuting/questionnaire';
import {
  type CombinationRule,
  canConfirm,
  checkItemScoreEntry,
  combineItemEntries,
  type DepartmentId,
  departmentById,
  type ItemId,
  indicatorById,
  isDepartmentId,
  itemsScoredBy,
  itemTitle,
  ScorecardError,
} from '@jiuting/scorecard';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import type { ItemEntry, ItemScore } from '../../repositories/assessment.ts';
import type { AssessmentService, YearAudit } from '../../services/assessment/assessment-service.ts';
import { actorOf } from './actor.ts';

// Codes that mean "this item is not yours": answered 403, whatever else the batch holds.
const NOT_YOURS: ReadonlySet<string> = new Set([
  'department_not_scorer',
  'item_not_department_scored',
]);

function departmentOf(request: FastifyRequest): DepartmentId {
  const { department } = principalOf(request).user;
  // The users table guarantees a department for this role; an unknown one is refused, not guessed.
  if (!department || !isDepartmentId(department)) throw new AppError('forbidden');
  return department;
}

/**
 * The figure the lead's confirmation of this community's item stands on, or null when the
 * entries no longer give one (the lead's rule cannot pick between disagreeing departments).
 */
function combinedFigure(score: ItemScore, entries: readonly ItemEntry[]): number | null {
  try {
    return combineItemEntries(score.itemId, entries, {
      rule: score.combinationRule,
      lead: score.department,
    }).points;
  } catch (error) {
    if (error instanceof ScorecardError) return null;
    throw error;
  }
}

/** A department scorer: their items × every community, their entries, and the lead's confirm. */
export function scoringRoutes(ctx: AssessmentService): FastifyPluginAsyncZod {
  return async (app) => {
    const scorer = app.requireRole('department_scorer');

    app.get(
      '/assessment/:year/scoring',
      {
        schema: {
          params: YearParamsSchema,
          response: {
            200: ScoringAnswerSchema,
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
        const leadOf = new Set<string>(
          items.filter((i) => canConfirm(department, i.id)).map((i) => i.id),
        );
        const confirmed = new Map(
          ctx.repo
            .listScores(year.year)
            .filter((s) => mine.has(s.itemId))
            .map((s) => [`${s.itemId} ${s.communityCode}`, s] as const),
        );
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
          // The department's own entries, each marked with its community's confirmation.
          scores: ctx.repo
            .listEntries(year.year)
            .filter((e) => e.department === department)
            .map((e) => ({
              ...e,
              confirmedAt: confirmed.get(`${e.itemId} ${e.communityCode}`)?.confirmedAt ?? null,
            })),
          // A lead sees every department's entry for its items side by side, and what it confirmed.
          entries: ctx.repo
            .listEntries(year.year)
            .filter((e) => leadOf.has(e.itemId))
            .map((e) => ({ ...e, departmentName: departmentById(e.department).name })),
          confirmed: [...confirmed.values()],
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
            200: SavedScoresAnswerSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: scorer,
      },
      async (request) => {
        const department = departmentOf(request);
        const actor = actorOf(request);
        const at = app.now().toISOString();
        const { entries } = request.body;
        return ctx.changeOpenYear(request.params.year, actor, at, (year) => {
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
          const audit: YearAudit[] = [];
          for (const entry of entries) {
            const itemId = entry.itemId as ItemId;
            const old = ctx.repo.getEntry(year.year, entry.communityCode, itemId, department);
            if (old && old.points === entry.points && old.basis === entry.basis) continue;
            ctx.repo.putEntry(year.year, {
              communityCode: entry.communityCode,
              itemId,
              points: entry.points,
              basis: entry.basis,
              department,
              by: actor.id,
              at,
            });
            audit.push({
              action: 'item_scored',
              communityCode: entry.communityCode,
              itemId,
              oldValue: old ? { points: old.points, basis: old.basis, department } : null,
              newValue: { points: entry.points, basis: entry.basis, department },
              reason: entry.basis,
            });
            changed += 1;
            // A confirmation stands while the lead's rule still gives the confirmed figure; when
            // it no longer does, it goes, and the audit trail says whose change took it.
            const confirmed = ctx.repo.getScore(year.year, entry.communityCode, itemId);
            if (!confirmed) continue;
            const figure = combinedFigure(
              confirmed,
              ctx.repo
                .listEntries(year.year, itemId)
                .filter((e) => e.communityCode === entry.communityCode),
            );
            if (figure === confirmed.points) continue;
            ctx.repo.dropConfirmed(year.year, entry.communityCode, itemId);
            const name = departmentById(department).name;
            audit.push({
              action: 'item_confirmation_dropped',
              communityCode: entry.communityCode,
              itemId,
              oldValue: {
                points: confirmed.points,
                rule: confirmed.combinationRule,
                department: confirmed.department,
                confirmedAt: confirmed.confirmedAt,
              },
              newValue: null,
              reason: `${name}将本部门评分${old ? `从 ${old.points} 分` : ''}改为 ${entry.points} 分，按确认时的合成规则得分不再是 ${confirmed.points} 分，须牵头部门${departmentById(confirmed.department).name}重新确认`,
            });
          }
          return { result: { saved: entries.length, changed }, audit };
        });
      },
    );

    app.post(
      '/assessment/:year/items/:itemId/confirm',
      {
        schema: {
          params: ItemParamsSchema,
          body: ConfirmBodySchema,
          response: {
            200: ConfirmAnswerSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: scorer,
      },
      async (request) => {
        const department = departmentOf(request);
        const actor = actorOf(request);
        const at = app.now().toISOString();
        const { itemId } = request.params;
        const rule: CombinationRule = request.body?.rule ?? 'lead';
        return ctx.changeOpenYear(request.params.year, actor, at, (year) => {
          if (!canConfirm(department, itemId)) throw new AppError('not_lead_department');
          const byCommunity = new Map<string, ItemEntry[]>();
          for (const e of ctx.repo.listEntries(year.year, itemId)) {
            byCommunity.set(e.communityCode, [...(byCommunity.get(e.communityCode) ?? []), e]);
          }
          const communities = ctx.communities(year);
          const missing = communities.filter((c) => !byCommunity.has(c.code));
          if (missing.length > 0) {
            throw new AppError('scores_incomplete', [
              {
                path: 'communities',
                message: `以下居民区还没有得分：${missing.map((c) => c.name).join('、')}`,
              },
            ]);
          }
          // Every community's figure is settled before any is stored: all or nothing.
          const figures = [];
          const disagree: FieldIssue[] = [];
          for (const c of communities) {
            try {
              figures.push({
                code: c.code,
                ...combineItemEntries(itemId, byCommunity.get(c.code) ?? [], {
                  rule,
                  lead: department,
                }),
              });
            } catch (error) {
              if (!(error instanceof ScorecardError)) throw error;
              disagree.push({
                path: `communities.${c.code}`,
                message: `${c.name}：${error.message}`,
              });
            }
          }
          if (disagree.length > 0) {
            throw new AppError('entries_disagree', disagree, disagree[0]?.message);
          }
          // A confirmation replaced by another figure (the other lead group's, or another rule)
          // is named community by community, old → new, so a changed grade can be traced.
          const names = new Map(communities.map((c) => [c.code, c.name] as const));
          const before = new Map(
            ctx.repo
              .listScores(year.year)
              .filter((s) => s.itemId === itemId)
              .map((s) => [s.communityCode, s] as const),
          );
          const replaced = figures.flatMap((f) => {
            const old = before.get(f.code);
            return old && old.points !== f.points
              ? [`${names.get(f.code)} ${old.points} → ${f.points} 分`]
              : [];
          });
          const previous = [...before.values()][0];
          for (const f of figures) {
            ctx.repo.putConfirmed(year.year, {
              communityCode: f.code,
              itemId,
              points: f.points,
              basis: f.basis,
              department,
              rule,
              by: actor.id,
              at,
            });
          }
          return {
            result: { confirmed: figures.length, rule },
            audit: {
              action: 'item_confirmed',
              itemId,
              oldValue: previous
                ? {
                    confirmed: before.size,
                    department: previous.department,
                    rule: previous.combinationRule,
                  }
                : null,
              newValue: { confirmed: figures.length, department, rule },
              reason:
                replaced.length > 0
                  ? `${departmentById(department).name}重新确认，${replaced.length} 个居民区已确认的得分改变：${replaced.join('、')}`
                  : null,
            },
          };
        });
      },
    );
  };
}
