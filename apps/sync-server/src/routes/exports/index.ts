import { randomUUID } from 'node:crypto';
import { createReadStream, fstatSync, openSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { ExportFileParamsSchema, FileAnswerSchema } from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import {
  type ExportCounts,
  type ExportJob,
  type ExportOutcome,
  exportRunner,
} from '../../exports/export-runner.ts';
import { GrowingFile } from '../../exports/growing-file.ts';
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

function exportError(outcome: Extract<ExportOutcome, { ok: false }>): Error {
  // The export module throws a plain Error naming the record whose answers cannot be scored;
  // its message is already Chinese and names no answer, so the coordinator can go and fix it.
  if (outcome.message.includes('无法计分')) {
    return new AppError('export_unscorable', undefined, `导出失败：${outcome.message}`);
  }
  return Object.assign(new Error(outcome.message), { code: outcome.code });
}

// The office's files. The export module is pure; a worker thread fills it from its own read-only
// connection with what coverage counts (counted responses, valid interviews, the same
// per-community figures as /api/coverage) and builds the file there, so a download of 100,000
// responses leaves the event loop to the phones. Every download is audited: who, when, which
// file and how many records left the building.
const routes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'coordinator');
  const runExport = exportRunner();
  app.addHook('onClose', () => runExport.close());
  // Files are written beside the database (its directory is the server's own, 0700) and deleted
  // once sent; one left by a crash mid-export is deleted at the next start.
  const dir = dirname(app.db.name);
  for (const name of readdirSync(dir)) {
    if (TEMP_FILE.test(name)) rmSync(join(dir, name), { force: true });
  }

  /**
   * Builds the file in the worker and resolves to a stream of it (the file itself is already
   * gone from the directory). With `whileWritten`, the stream starts as soon as the first part of
   * the file is on disk, and `size` is unknown; a file written in one go, or an export that fails
   * before any of it is written, resolves or rejects as without.
   */
  function build(
    job: Omit<ExportJob, 'dbPath' | 'outPath'>,
    whileWritten = false,
  ): Promise<{ file: Readable; size?: number; counts: ExportCounts }> {
    const outPath = join(dir, `.export-${randomUUID()}.tmp`);
    const remove = () => rmSync(outPath, { force: true });
    // Opened, then unlinked at once: the open descriptor still reads it, and no copy of the
    // answers stays on disk after the download, however it ends (a coordinator cancelling).
    const takeFile = () => {
      const fd = openSync(outPath, 'r');
      remove();
      return fd;
    };
    return new Promise((resolve, reject) => {
      let growing: GrowingFile | undefined;
      let cannotOpen = false;
      const onWritten = (bytes: number, counts: ExportCounts) => {
        if (cannotOpen) return;
        if (!growing) {
          let fd: number;
          try {
            fd = takeFile();
          } catch {
            // Thrown here it would end the server (this runs on a worker's message): the file
            // is sent, or the error answered, once the export is over instead.
            cannotOpen = true;
            return;
          }
          growing = new GrowingFile(fd);
          resolve({ file: growing, counts });
        }
        growing.grown(bytes);
      };
      const finish = (outcome: ExportOutcome) => {
        if (growing) {
          // Bytes have left: a failure now can only end the download unfinished.
          if (outcome.ok) growing.complete();
          else growing.fail(exportError(outcome));
          return;
        }
        if (!outcome.ok) {
          remove();
          reject(exportError(outcome));
          return;
        }
        const fd = takeFile();
        const size = fstatSync(fd).size;
        resolve({ file: createReadStream('', { fd }), size, counts: outcome.counts });
      };
      runExport
        .run({ ...job, dbPath: app.db.name, outPath }, whileWritten ? onWritten : undefined)
        .then(finish)
        .catch((err: unknown) => {
          if (growing) growing.fail(err as Error);
          else {
            remove();
            reject(err);
          }
        });
    });
  }

  function audit(
    request: Parameters<typeof principalOf>[0],
    file: string,
    counts: ExportCounts,
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
      // Sent while it is written: the 37 MB 问卷明细 of a full year starts at once instead of
      // after the whole file (sent chunked, without a length, when it is that big).
      const { file, size, counts } = await build(
        { format: 'csv', sheet, generatedAt: generatedAt.toISOString(), year },
        true,
      );
      const fileName = exportFileName(sheet, generatedAt);
      // When the first bytes leave: the records have left the building, even if the download
      // is cut short afterwards.
      audit(request, fileName, counts, year);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(fileName));
      if (size !== undefined) reply.header('content-length', size);
      return reply.send(file);
    },
  );
};
export default routes;
