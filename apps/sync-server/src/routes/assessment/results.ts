import {
  AuditAnswerSchema,
  FileAnswerSchema,
  ResultsAnswerSchema,
  YearParamsSchema,
} from '@jiuting/api-contract';
import { describeYearSettings } from '@jiuting/scorecard';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../errors.ts';
import { contentDisposition } from '../../exports/index.ts';
import type { AssessmentService } from '../../services/assessment/assessment-service.ts';
import { actorOf } from './actor.ts';
import { buildResultsWorkbook } from './results-workbook.ts';

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
            200: ResultsAnswerSchema,
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
            200: AuditAnswerSchema,
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
          response: { 200: FileAnswerSchema, ...errorResponses(401, 403, 404) },
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
