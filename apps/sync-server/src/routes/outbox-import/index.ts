import { OutboxFileSchema, SyncResultsSchema } from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { kindsFor } from '../../repositories/users.ts';
import { countStatuses, type ItemResult } from '../../services/ingest.ts';

// The file a canvasser saves from the PWA when a phone cannot reach the server (or is about
// to be wiped). A coordinator loads it here: same per-item path as /sync, so loading a file
// twice, or a file whose items later synced anyway, adds nothing. Its items are credited to the
// collector the file names (`exportedBy`, a username), not to the coordinator who loads it:
// coverage, review and the exports all read that one attribution (the row's user). Who loaded
// it is in the audit row. The file's shape is the contract's OutboxFileSchema.
// A 20,000-item file validated, hashed and stored in one go held the event loop for over a
// second; in chunks, the phones' syncs and pings are answered between them. Each chunk is its
// own transaction, with its audit row: a failure part-way leaves earlier chunks stored (and
// audited), and loading the file again (it is idempotent) stores the rest.
export const IMPORT_CHUNK_ITEMS = 500;

/** The collector's username as the file gives it: a string, or a small object with `username`. */
function collectorName(value: unknown): string | null {
  if (typeof value === 'string') return value.slice(0, 200);
  const username = (value as { username?: unknown } | null)?.username;
  return typeof username === 'string' ? username.slice(0, 200) : null;
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
      const exportedBy = collectorName(request.body.exportedBy);
      const collector =
        exportedBy === null ? undefined : app.repos.users.findByUsername(exportedBy);
      if (collector === undefined) {
        throw new AppError('outbox_collector_unknown', [
          {
            path: 'exportedBy',
            message: exportedBy
              ? `没有用户名为“${exportedBy}”的账号`
              : '文件没有写明采集员（exportedBy）',
          },
        ]);
      }
      const ctx = {
        receivedAt: app.now().toISOString(),
        userId: collector.id,
        sessionId,
        source: 'outbox' as const,
        exportedBy,
        communities: 'all' as const,
        kinds: kindsFor(user.role),
      };
      const { items } = request.body;
      const parts = Math.ceil(items.length / IMPORT_CHUNK_ITEMS);
      const results = [];
      for (let start = 0, part = 1; start < items.length; start += IMPORT_CHUNK_ITEMS, part += 1) {
        const chunk = items.slice(start, start + IMPORT_CHUNK_ITEMS);
        // Each chunk commits with its own audit row (who loaded which collector's file, what
        // became of its items): no item of the file is stored without the row that says so.
        const auditRow = (chunkResults: readonly ItemResult[]) => ({
          at: app.now().toISOString(),
          action: 'outbox_imported' as const,
          actorUserId: user.id,
          ip: request.ip,
          detail: {
            exportedBy,
            collectorUserId: collector.id,
            exportedAt: request.body.exportedAt,
            ...(parts > 1 ? { part, parts } : {}),
            ...countStatuses(chunkResults),
          },
        });
        results.push(...(await app.ingest(chunk, ctx, request.log, auditRow)));
        // Let the requests that arrived meanwhile (a phone's sync, a ping) go first.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const counts = countStatuses(results);
      request.log.info({ userId: user.id, ...counts }, 'outbox file imported');
      return { results };
    },
  );
};
export default routes;
