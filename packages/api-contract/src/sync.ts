import { z } from 'zod';
import { ErrorBodySchema } from './errors.ts';

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

export const SyncResultsSchema = z.object({ results: z.array(ItemResultSchema) });
