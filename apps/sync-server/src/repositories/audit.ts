import type { Db } from '../db/open.ts';

export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'session_revoked'
  | 'user_created'
  | 'user_changed'
  | 'communities_imported'
  | 'community_changed'
  | 'qr_token_rotated'
  | 'outbox_imported'
  | 'sync_conflict'
  | 'export'
  | 'review_invalidated'
  | 'review_restored';

export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: string | null;
  action: AuditAction;
  target: string | null;
  ip: string | null;
  detail: unknown;
}

export function auditRepository(db: Db) {
  const insert = db.prepare(
    'INSERT INTO audit (at, actor_user_id, action, target, ip, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );
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
    /** detail carries ids, counts and names of changed fields — never answers or addresses. */
    record(entry: {
      at: string;
      actorUserId?: string | null;
      action: AuditAction;
      target?: string | null;
      ip?: string | null;
      detail?: unknown;
    }): void {
      insert.run(
        entry.at,
        entry.actorUserId ?? null,
        entry.action,
        entry.target ?? null,
        entry.ip ?? null,
        entry.detail === undefined ? null : JSON.stringify(entry.detail),
      );
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
