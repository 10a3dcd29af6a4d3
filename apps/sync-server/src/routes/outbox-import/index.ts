import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { countStatuses } from '../../services/ingest.ts';
import { plain, SyncResultsSchema } from '../schemas.ts';

// The file a canvasser saves from the PWA when a phone cannot reach the server (or is about
// to be wiped). A coordinator loads it here: same per-item path as /sync, so loading a file
// twice, or a file whose items later synced anyway, adds nothing.
const OutboxFileSchema = z.object({
  format: z.literal('jiuting-outbox', { error: '不是待上传记录文件' }),
  version: z.literal(1, { error: '不支持的文件版本' }),
  exportedAt: plain(z.string().max(64, '导出时间格式不正确'), '导出时间'),
  exportedBy: z.unknown(),
  items: z.array(z.unknown()).min(1, '文件中没有记录').max(20_000, '一个文件最多 20000 条记录'),
});

/** exportedBy as the file gives it (a username or a small object), kept as short text. */
function describeExporter(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.slice(0, 200);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/outbox-import',
    {
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        body: OutboxFileSchema,
        response: { 200: SyncResultsSchema, ...errorResponses(400, 401, 403, 413) },
      },
      onRequest: app.requireRole('coordinator', 'admin'),
    },
    async (request) => {
      const { user, sessionId } = principalOf(request);
      const exportedBy = describeExporter(request.body.exportedBy);
      const results = await app.ingest(
        request.body.items,
        {
          receivedAt: app.now().toISOString(),
          userId: user.id,
          sessionId,
          source: 'outbox',
          exportedBy,
          communities: 'all',
        },
        request.log,
      );
      const counts = countStatuses(results);
      app.repos.audit.record({
        at: app.now().toISOString(),
        action: 'outbox_imported',
        actorUserId: user.id,
        ip: request.ip,
        detail: { exportedBy, exportedAt: request.body.exportedAt, ...counts },
      });
      request.log.info({ userId: user.id, ...counts }, 'outbox file imported');
      return { results };
    },
  );
};
export default routes;
