import { z } from 'zod';
import { ErrorBodySchema } from './errors.ts';
import { plain } from './text.ts';

/**
 * One item's fate in POST /api/sync and /api/outbox-import. `retry`: the server failed to store
 * it just now (not the item's fault): the phone keeps it and sends it again later.
 */
export const ItemResultSchema = z.object({
  id: z.string(),
  status: z.enum(['accepted', 'duplicate', 'conflict', 'rejected', 'retry']),
  error: ErrorBodySchema.optional(),
  /** Surveys only: true when the household already has its counted response. */
  repeat: z.boolean().optional(),
});
export type ItemResult = z.infer<typeof ItemResultSchema>;

export const SyncResultsSchema = z
  .object({ results: z.array(ItemResultSchema) })
  .meta({ id: 'SyncResults' });
export type SyncResults = z.infer<typeof SyncResultsSchema>;

// Items are checked one by one (so one bad item cannot block the others): the route itself
// only insists on a list of 1–500 of something.
export const SyncBodySchema = z.object({
  items: z
    .array(z.unknown(), { error: 'items 应为记录列表' })
    .min(1, '至少提交一条记录')
    .max(500, '每次最多提交 500 条记录'),
});

/** POST /api/outbox-import: the file a phone saves of its unsent records. */
export const OutboxFileSchema = z.object({
  format: z.literal('jiuting-outbox', { error: '不是待上传记录文件' }),
  version: z.literal(1, { error: '不支持的文件版本' }),
  exportedAt: plain(z.string().max(64, '导出时间格式不正确'), '导出时间'),
  exportedBy: z.unknown(),
  items: z.array(z.unknown()).min(1, '文件中没有记录').max(20_000, '一个文件最多 20000 条记录'),
});
