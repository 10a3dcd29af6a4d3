import {
  bonusRulesFor,
  checkSatisfactionOverride,
  computeBonus,
  computeDeductions,
  describeYearSettings,
  GradeRuleSchema,
  ITEM_IDS,
  ScorecardError,
} from '@jiuting/scorecard';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseTableRows } from '../../domain/csv-rows.ts';
import { AppError, errorResponses } from '../../errors.ts';
import { contentDisposition } from '../../exports/index.ts';
import { uploadBodyLimit, uploadedRows } from '../table-upload.ts';
import type { AssessmentContext } from './context.ts';
import { refusal } from './context.ts';
import { hotlineTable } from './hotline-csv.ts';
import { buildResultsWorkbook } from './results-workbook.ts';
import {
  AuditEntrySchema,
  BonusBodySchema,
  BonusInputAnswerSchema,
  CommunityParamsSchema,
  CsvBodySchema,
  DeductionsBodySchema,
  DeductionsInputAnswerSchema,
  HotlineSchema,
  SatisfactionBodySchema,
  YearParamsSchema,
} from './schemas.ts';

const nullableNumber = z.number().nullable();

const ResultSchema = z.object({
  code: z.string(),
  name: z.string(),
  type: z.enum(['导入居', '村改居']),
  /** null while 待定: the community is not complete and the year is not locked. */
  rank: z.number().nullable(),
  ofType: z.number(),
  grade: z.enum(['优秀', '良好', '一般']).nullable(),
  total: z.number(),
  indicatorPoints: z.number(),
  complete: z.boolean(),
  missing: z.array(z.string()),
  pending: z.array(z.string()),
  items: z.record(z.enum(ITEM_IDS), nullableNumber),
  indicators: z.record(z.string(), z.number()),
  satisfaction: z.object({
    points: nullableNumber,
    source: z.enum(['survey', 'override', 'missing']),
    computed: nullableNumber,
    override: z
      .object({ points: z.number(), reason: z.string(), by: z.string(), at: z.string() })
      .nullable(),
  }),
  bonus: z.object({ points: z.number(), uncapped: z.number(), capped: z.boolean() }),
  deductions: z.object({ points: z.number(), capped: z.boolean() }),
  bonusInput: BonusInputAnswerSchema,
  deductionsInput: DeductionsInputAnswerSchema,
  coverage: z
    .object({
      surveyed: z.number(),
      total: z.number(),
      ratio: z.number(),
      meetsTarget: z.boolean(),
    })
    .nullable(),
  interviews: z.object({ count: z.number(), meetsTarget: z.boolean() }).nullable(),
  coverageBelowFloor: z.boolean(),
});

/** A scorecard rule's result; a broken rule (ScorecardError) becomes the client's refusal. */
function refusedOnRuleError<T>(compute: () => T, prefix?: string): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof ScorecardError) throw refusal(error, prefix);
    throw error;
  }
}

/** The coordinators' side: adjustments per community, the table and ranking, hotline, audit. */
export function coordinationRoutes(ctx: AssessmentContext): FastifyPluginAsyncZod {
  return async (app) => {
    const staff = app.requireRole('admin', 'coordinator');

    /** One audited write on an open year, all in one transaction. */
    function communityWrite<T>(yearNumber: number, code: string, write: (year: number) => T): T {
      return ctx.repo.transaction(() => {
        const year = ctx.openYear(yearNumber);
        if (!ctx.communities(year).some((c) => c.code === code)) {
          throw new AppError('community_unknown');
        }
        return write(year.year);
      });
    }

    app.get(
      '/assessment/:year/results',
      {
        schema: {
          params: YearParamsSchema,
          response: {
            200: z.object({
              year: z.number(),
              state: z.enum(['open', 'locked']),
              gradeRule: GradeRuleSchema,
              communities: z.array(ResultSchema),
            }),
            ...errorResponses(401, 403, 404),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const year = ctx.year(request.params.year);
        const results = ctx.results(year);
        return {
          year: year.year,
          state: year.state,
          gradeRule: results.gradeRule,
          communities: results.communities.map((c) => ({
            ...c,
            missing: [...c.missing],
            pending: [...c.pending],
          })),
        };
      },
    );

    app.put(
      '/assessment/:year/communities/:code/bonus',
      {
        schema: {
          params: CommunityParamsSchema,
          body: BonusBodySchema,
          response: {
            200: z.object({ points: z.number(), capped: z.boolean() }),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const { year, code } = request.params;
        const { reason, ...bonus } = request.body;
        const actor = ctx.actor(request);
        const at = app.now().toISOString();
        return communityWrite(year, code, (y) => {
          const rules = bonusRulesFor(ctx.settings(ctx.year(y)));
          const computed = refusedOnRuleError(() => computeBonus(bonus, rules));
          const old = ctx.repo.getAdjustments(y, code).bonus;
          ctx.repo.setBonus(y, code, bonus, at);
          ctx.repo.recordAudit({
            year: y,
            at,
            actorUserId: actor.id,
            actorName: actor.name,
            action: 'bonus_set',
            communityCode: code,
            oldValue: old,
            newValue: bonus,
            reason: reason ?? null,
          });
          return { points: computed.points, capped: computed.capped };
        });
      },
    );

    app.put(
      '/assessment/:year/communities/:code/deductions',
      {
        schema: {
          params: CommunityParamsSchema,
          body: DeductionsBodySchema,
          response: {
            200: z.object({ points: z.number(), capped: z.boolean() }),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const { year, code } = request.params;
        const { reason, deductions } = request.body;
        const actor = ctx.actor(request);
        const at = app.now().toISOString();
        return communityWrite(year, code, (y) => {
          const computed = refusedOnRuleError(() => computeDeductions(deductions), 'deductions');
          const old = ctx.repo.getAdjustments(y, code).deductions;
          ctx.repo.setDeductions(y, code, deductions, at);
          ctx.repo.recordAudit({
            year: y,
            at,
            actorUserId: actor.id,
            actorName: actor.name,
            action: 'deductions_set',
            communityCode: code,
            oldValue: old,
            newValue: deductions,
            reason: reason ?? null,
          });
          return { points: computed.points, capped: computed.capped };
        });
      },
    );

    app.put(
      '/assessment/:year/communities/:code/satisfaction',
      {
        schema: {
          params: CommunityParamsSchema,
          body: SatisfactionBodySchema,
          response: {
            200: z.object({ points: nullableNumber, source: z.string() }),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const { year, code } = request.params;
        const { points, reason } = request.body;
        const actor = ctx.actor(request);
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
        return communityWrite(year, code, (y) => {
          const old = ctx.repo.getAdjustments(y, code).satisfactionOverride;
          ctx.repo.setSatisfactionOverride(y, code, override, at);
          ctx.repo.recordAudit({
            year: y,
            at,
            actorUserId: actor.id,
            actorName: actor.name,
            action: 'satisfaction_override_set',
            communityCode: code,
            itemId: 'mass.satisfaction.overall',
            oldValue: old ? { points: old.points } : null,
            newValue: override ? { points: override.points } : null,
            reason,
          });
          const computed = ctx.communities(ctx.year(y)).find((c) => c.code === code)?.computed;
          return override
            ? { points: override.points, source: 'override' }
            : { points: computed ?? null, source: computed == null ? 'missing' : 'survey' };
        });
      },
    );

    app.get(
      '/assessment/:year/hotline',
      {
        schema: {
          params: YearParamsSchema,
          response: {
            200: z.object({ rows: z.array(HotlineSchema) }),
            ...errorResponses(401, 403, 404),
          },
        },
        onRequest: staff,
      },
      async (request) => ({ rows: ctx.repo.listHotline(ctx.year(request.params.year).year) }),
    );

    app.post(
      '/assessment/:year/hotline/import',
      {
        bodyLimit: uploadBodyLimit(1024 * 1024),
        schema: {
          params: YearParamsSchema,
          body: CsvBodySchema,
          response: {
            200: z.object({ imported: z.number() }),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const actor = ctx.actor(request);
        const at = app.now().toISOString();
        // The file is read (an .xlsx unzipped) before the transaction, never inside it.
        const read = await uploadedRows(request.body);
        return ctx.repo.transaction(() => {
          const year = ctx.openYear(request.params.year);
          const known = new Set(ctx.communities(year).map((c) => c.code));
          const parsed = read.ok ? parseTableRows(read.rows, hotlineTable(known)) : read;
          if (!parsed.ok) throw new AppError('csv_invalid', parsed.issues);
          const old = ctx.repo.listHotline(year.year).length;
          ctx.repo.replaceHotline(year.year, parsed.rows, actor.id, at);
          ctx.repo.recordAudit({
            year: year.year,
            at,
            actorUserId: actor.id,
            actorName: actor.name,
            action: 'hotline_imported',
            itemId: 'mass.hotline.work-orders',
            oldValue: { rows: old },
            newValue: { rows: parsed.rows.length },
          });
          return { imported: parsed.rows.length };
        });
      },
    );

    app.get(
      '/assessment/:year/audit',
      {
        schema: {
          params: YearParamsSchema,
          response: {
            200: z.object({ entries: z.array(AuditEntrySchema) }),
            ...errorResponses(401, 403, 404),
          },
        },
        onRequest: staff,
      },
      async (request) => ({ entries: ctx.repo.listAudit(ctx.year(request.params.year).year) }),
    );

    app.get(
      '/assessment/:year/results.xlsx',
      {
        // Bytes, not JSON: Fastify sends a Buffer as it is, without the serializer.
        schema: {
          params: YearParamsSchema,
          response: { 200: z.custom<Buffer>(), ...errorResponses(401, 403, 404) },
        },
        onRequest: staff,
      },
      async (request, reply) => {
        const year = ctx.year(request.params.year);
        const generatedAt = app.now();
        const bytes = await buildResultsWorkbook(
          {
            year: year.year,
            locked: year.state === 'locked',
            communities: ctx.results(year).communities,
            // What a complaint asks first: by which settings, and what the lock accepted.
            notes: [
              ...describeYearSettings(ctx.settings(year)),
              ...(year.lockNote ? [`定案依据：${year.lockNote}`] : []),
              ...year.lockExceptions.map((e) => `锁定时接受：${e.message}——理由：${e.reason}`),
            ],
          },
          { generatedAt },
        );
        app.repos.audit.record({
          at: generatedAt.toISOString(),
          action: 'export',
          actorUserId: ctx.actor(request).id,
          ip: request.ip,
          detail: { kind: 'assessment-results', year: year.year },
        });
        return reply
          .header(
            'content-type',
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header('content-disposition', contentDisposition(`${year.year}年综合考核结果.xlsx`))
          .send(bytes);
      },
    );
  };
}
