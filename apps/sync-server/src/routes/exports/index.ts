import { randomUUID } from 'node:crypto';
import { createReadStream, fstatSync, openSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ExportFileParamsSchema, FileAnswerSchema } from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import { type ExportJob, exportRunner } from '../../exports/export-runner.ts';
import {
  contentDisposition,
  exportFileName,
  SHEET_NAMES,
  type SheetName,
} from '../../exports/index.ts';
import { principalOf } from '../../plugins/auth.ts';
import { YearQuerySchema } from '../schemas.ts';

/** An export's file while it is built and sent (see build below). */
const TEMP_FILE = /^\.export-[0-9a-f-]{36}\.tmp$/;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * ASCII names for each sheet, for links and scripts that would rather not encode Chinese. A Map,
 * not an object literal: the name comes from the URL, and `constructor.csv` must not find
 * Object.prototype's members.
 */
export const SHEET_ALIASES: ReadonlyMap<string, SheetName> = new Map([
  ['summary', '汇总'],
  ['responses', '问卷明细'],
  ['interviews', '访谈记录'],
  ['suggestions', '问题与建议'],
  ['register', '户册核对'],
  ['visits', '走访记录'],
]);

function sheetOf(file: string): SheetName | undefined {
  if (!file.endsWith('.csv')) return undefined;
  const name = file.slice(0, -'.csv'.length);
  if ((SHEET_NAMES as readonly string[]).includes(name)) return name as SheetName;
  return SHEET_ALIASES.get(name);
}

// The office's files. The export module is pure; a worker thread fills it from its own read-only
// connection with what coverage counts (counted responses, valid interviews, the same
// per-community figures as /api/coverage) and builds the file there, so a download of 100,000
// responses leaves the event loop to the phones. Every download is audited: who, when, which
// file and how many records left the building.
const routes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'coordinator');
  const runExport = exportRunner();
  // Files are written beside the database (its directory is the server's own, 0700) and deleted
  // once sent; one left by a crash mid-export is deleted at the next start.
  const dir = dirname(app.db.name);
  for (const name of readdirSync(dir)) {
    if (TEMP_FILE.test(name)) rmSync(join(dir, name), { force: true });
  }

  /** Builds the file in the worker; resolves to a stream of it (the file itself is gone). */
  async function build(job: Omit<ExportJob, 'dbPath' | 'outPath'>) {
    const outPath = join(dir, `.export-${randomUUID()}.tmp`);
    const remove = () => rmSync(outPath, { force: true });
    let outcome: Awaited<ReturnType<typeof runExport>>;
    try {
      outcome = await runExport({ ...job, dbPath: app.db.name, outPath });
    } catch (err) {
      remove();
      throw err;
    }
    if (outcome.ok) {
      // Opened, then unlinked at once: the open descriptor still reads it, and no copy of the
      // answers stays on disk after the download, however it ends (a coordinator cancelling).
      const fd = openSync(outPath, 'r');
      remove();
      const size = fstatSync(fd).size;
      return { file: createReadStream('', { fd }), size, counts: outcome.counts };
    }
    remove();
    // The export module throws a plain Error naming the record whose answers cannot be scored;
    // its message is already Chinese and names no answer, so the coordinator can go and fix it.
    if (outcome.message.includes('无法计分')) {
      throw new AppError('export_unscorable', undefined, `导出失败：${outcome.message}`);
    }
    throw Object.assign(new Error(outcome.message), { code: outcome.code });
  }

  function audit(
    request: Parameters<typeof principalOf>[0],
    file: string,
    counts: { communities: number; responses: number; interviews: number },
    year: number,
  ) {
    app.repos.audit.record({
      at: app.now().toISOString(),
      actorUserId: principalOf(request).user.id,
      action: 'export',
      target: file,
      ip: request.ip,
      detail: { ...counts, year },
    });
  }

  app.get(
    '/exports/assessment.xlsx',
    {
      // A file stream, not JSON: Fastify sends a stream as it is, without the serializer.
      schema: {
        querystring: YearQuerySchema,
        response: { 200: FileAnswerSchema, ...errorResponses(400, 401, 403, 422) },
      },
      onRequest: staff,
    },
    async (request, reply) => {
      const generatedAt = app.now();
      const year = app.repos.years.resolve(request.query.year);
      const { file, size, counts } = await build({
        format: 'xlsx',
        generatedAt: generatedAt.toISOString(),
        year,
      });
      const fileName = exportFileName('xlsx', generatedAt);
      audit(request, fileName, counts, year);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition(fileName))
        .header('content-length', size)
        .send(file);
    },
  );

  app.get(
    '/exports/:file',
    {
      schema: {
        params: ExportFileParamsSchema,
        querystring: YearQuerySchema,
        response: { 200: FileAnswerSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
      onRequest: staff,
    },
    async (request, reply) => {
      const sheet = sheetOf(request.params.file);
      if (!sheet) {
        throw new AppError(
          'not_found',
          undefined,
          `没有这个导出文件；可用：assessment.xlsx，或 ${SHEET_NAMES.map((s) => `${s}.csv`).join('、')}`,
        );
      }
      const generatedAt = app.now();
      const year = app.repos.years.resolve(request.query.year);
      const { file, size, counts } = await build({
        format: 'csv',
        sheet,
        generatedAt: generatedAt.toISOString(),
        year,
      });
      const fileName = exportFileName(sheet, generatedAt);
      audit(request, fileName, counts, year);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(fileName))
        .header('content-length', size)
        .send(file);
    },
  );
};
export default routes;
