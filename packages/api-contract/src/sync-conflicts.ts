import { z } from 'zod';
import { pageOf } from './paging.ts';

/** A record refused because its id was already stored with other content (never its content). */
export const SyncConflictSchema = z.object({
  /** This conflict's own number (the same record can conflict more than once). */
  conflictId: z.number(),
  /** The record's id. */
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  sessionId: z.string().nullable(),
  source: z.string(),
  kind: z.enum(['survey', 'interview', 'visit']),
  communityCode: z.string(),
  storedHash: z.string(),
  receivedHash: z.string(),
});
export type SyncConflict = z.infer<typeof SyncConflictSchema>;

/** GET /api/sync-conflicts. */
export const SyncConflictsPageSchema = pageOf(SyncConflictSchema);
