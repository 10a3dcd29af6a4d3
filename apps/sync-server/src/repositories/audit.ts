import type { Db } from '../db/open.ts';

export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'password_changed'
  | 'session_revoked'
  | 'user_created'
  | 'user_changed'
  | 'communities_imported'
  | 'community_changed'
  | 'qr_token_rotated'
  | 'outbox_imported'
  | 'synced'
  | 'resident_response'
  | 'sync_conflict'
  | 'export'
  | 'review_invalidated'
  | 'review_restored'
  | 'register_imported'
  | 'register_household_added'
  | 'response_area_assigned'
  | 'register_outside_invalidated'
  | 'sample_drawn'
  | 'retention_deleted';

export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: string | null;
  action: AuditAction;
  target: string | null;
  ip: string | null;
  detail: unknown;
}

/** One audit row as written; detail carries ids, counts and names of changed fields — never answers or addresses. */
export interface AuditRecord {
  at: string;
  actorUserId?: string | null;
  action: AuditAction;
  target?: string | null;
  ip?: string | null;
  detail?: unknown;
}

/** What ingest records in a sync_conflict row's detail. */
export interface ConflictDetail {
  sessionId: string | null;
  source: string;
  kind: 'survey' | 'interview' | 'visit';
  communityCode: string;
  storedHash: string;
  receivedHash: string;
}

/** A record refused because its id was already stored with other content. */
export interface SyncConflict extends ConflictDetail {
  /** This conflict's own number (the same record can conflict more than once). */
  conflictId: number;
  /** The record's id. */
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  displayName: string | null;
}

export function auditRepository(db: Db) {
  const insert = db.prepare(
    'INSERT INTO audit (at, actor_user_id, action, target, ip, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );
  // Spelling out the action lets SQLite use the partial index of migration 024.
  const conflicts = db.prepare<
    [number, number],
    Omit<SyncConflict, keyof ConflictDetail> & { detail: string }
  >(
    `SELECT a.id AS conflictId, a.target AS id, a.at, a.actor_user_id AS userId, u.username,
            u.display_name AS displayName, a.detail
     FROM audit a LEFT JOIN users u ON u.id = a.actor_user_id
     WHERE a.action = 'sync_conflict' ORDER BY a.id DESC LIMIT ? OFFSET ?`,
  );
  const conflictCount = db
    .prepare<[], number>("SELECT count(*) FROM audit WHERE action = 'sync_conflict'")
    .pluck();
  // Both spell out action = 'login_failed' so SQLite uses the partial indexes of migration 023.
  const failedByUser = db
    .prepare<[string, string], number>(
      "SELECT count(*) FROM audit WHERE action = 'login_failed' AND actor_user_id = ? AND at > ?",
    )
    .pluck();
  const failedByIp = db
    .prepare<[string, string], number>(
      "SELECT count(*) FROM audit WHERE action = 'login_failed' AND ip = ? AND at > ?",
    )
    .pluck();
  return {
    /** Failed logins of one account, or from one address, after `since` (an ISO time). */
    failedLogins(by: { userId: string } | { ip: string }, since: string): number {
      return (
        ('userId' in by ? failedByUser.get(by.userId, since) : failedByIp.get(by.ip, since)) ?? 0
      );
    },
    record(entry: AuditRecord): void {
      insert.run(
        entry.at,
        entry.actorUserId ?? null,
        entry.action,
        entry.target ?? null,
        entry.ip ?? null,
        entry.detail === undefined ? null : JSON.stringify(entry.detail),
      );
    },
    /** Sync conflicts, newest first, with who sent the refused record (null: a resident). */
    syncConflicts(limit: number, offset: number): { items: SyncConflict[]; total: number } {
      const rows = conflicts.all(limit, offset);
      return {
        items: rows.map(({ detail, ...r }) => ({
          ...r,
          ...(JSON.parse(detail) as ConflictDetail),
        })),
        total: conflictCount.get() ?? 0,
      };
    },
    list(limit = 200): AuditEntry[] {
      const rows = db
        .prepare<[number], Omit<AuditEntry, 'detail'> & { detail: string | null }>(
          `SELECT id, at, actor_user_id AS actorUserId, action, target, ip, detail
           FROM audit ORDER BY id DESC LIMIT ?`,
        )
        .all(limit);
      return rows.map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) }));
    },
  };
}

export type AuditRepository = ReturnType<typeof auditRepository>;
