import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { countStatuses } from '../../services/ingest.ts';
import { SyncResultsSchema } from '../schemas.ts';

// The file a canvasser saves from the PWA when a phone cannot reach the server (or is about
// to be wiped). A coordinator loads it here: same per-item path as /sync, so loading a file
// twice, or a file whose items later synced anyway, adds nothing.
const OutboxFileSchema = z.object({
  format: z.literal('jiuting-outbox', { error: '不是待上传记录文件' }),
  version: z.literal(1, { error: '不支持的文件版本' }),
  exportedAt: z.string().max(64),
  exportedBy: z.unknown(),
  items: z.array(z.unknown()).min(1, '文件中没有记录').max(20_000, '一个文件最多 20000 条记录'),
});

// A 20,000-item file validated, hashed and stored in one go held the event loop for over a
// second; in chunks, the phones' syncs and pings are answered between them. Each chunk is its
// own transaction: a failure part-way leaves earlier chunks stored, and loading the file again
// (it is idempotent) stores the rest.
export const IMPORT_CHUNK_ITEMS = 500;

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
      const ctx = {
        receivedAt: app.now().toISOString(),
        userId: user.id,
        sessionId,
        source: 'outbox' as const,
        exportedBy,
        communities: 'all' as const,
      };
      const { items } = request.body;
      const results = [];
      for (let start = 0; start < items.length; start += IMPORT_CHUNK_ITEMS) {
        const chunk = items.slice(start, start + IMPORT_CHUNK_ITEMS);
        results.push(...(await app.ingest(chunk, ctx, request.log)));
        // Let the requests that arrived meanwhile (a phone's sync, a ping) go first.
        await new Promise((resolve) => setImmediate(resolve));
      }
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
