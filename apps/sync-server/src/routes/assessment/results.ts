import { describeYearSettings, GradeRuleSchema, ITEM_IDS } from '@jiuting/scorecard';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../errors.ts';
import { contentDisposition } from '../../exports/index.ts';
import type { AssessmentService } from '../../services/assessment/assessment-service.ts';
import { actorOf } from './actor.ts';
import { buildResultsWorkbook } from './results-workbook.ts';
import {
  AuditEntrySchema,
  BonusInputAnswerSchema,
  DeductionsInputAnswerSchema,
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

/** What the team reads: the table and ranking, its .xlsx, and the year's audit trail. */
export function resultRoutes(ctx: AssessmentService): FastifyPluginAsyncZod {
  return async (app) => {
    const staff = app.requireRole('admin', 'coordinator');

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
          actorUserId: actorOf(request).id,
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
