import {
  HotlineAnswerSchema,
  HotlineImportAnswerSchema,
  TableUploadSchema,
  YearParamsSchema,
} from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import type { AssessmentService } from '../../services/assessment/assessment-service.ts';
import { parseTableRows } from '../../tables/csv-rows.ts';
import { uploadBodyLimit, uploadedRows } from '../table-upload.ts';
import { actorOf } from './actor.ts';
import { hotlineTable } from './hotline-csv.ts';

/** The year's 12345 figures: read by the team and 城运中心, replaced by an import. */
export function hotlineRoutes(ctx: AssessmentService): FastifyPluginAsyncZod {
  return async (app) => {
    const staff = app.requireRole('admin', 'coordinator');

    app.get(
      '/assessment/:year/hotline',
      {
        schema: {
          params: YearParamsSchema,
          response: {
            200: HotlineAnswerSchema,
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
          body: TableUploadSchema,
          response: {
            200: HotlineImportAnswerSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const actor = actorOf(request);
        const at = app.now().toISOString();
        // The file is read (an .xlsx unzipped) before the transaction, never inside it.
        const read = await uploadedRows(request.body);
        return ctx.changeOpenYear(request.params.year, actor, at, (year) => {
          const known = new Set(ctx.communities(year).map((c) => c.code));
          const parsed = read.ok ? parseTableRows(read.rows, hotlineTable(known)) : read;
          if (!parsed.ok) throw new AppError('csv_invalid', parsed.issues);
          const old = ctx.repo.listHotline(year.year).length;
          ctx.repo.replaceHotline(year.year, parsed.rows, actor.id, at);
          return {
            result: { imported: parsed.rows.length },
            audit: {
              action: 'hotline_imported',
              itemId: 'mass.hotline.work-orders',
              oldValue: { rows: old },
              newValue: { rows: parsed.rows.length },
            },
          };
        });
      },
    );
  };
}
