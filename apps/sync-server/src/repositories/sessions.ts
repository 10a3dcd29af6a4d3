import type { Db } from '../db/open.ts';
import type { Role } from './users.ts';

export interface SessionRow {
  id: string;
  user_id: string;
  user_agent: string;
  ip: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface SessionListing {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  userAgent: string;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export function sessionsRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO sessions (id, user_id, token_hash, user_agent, ip, created_at, last_seen_at, expires_at)
     VALUES (@id, @userId, @tokenHash, @userAgent, @ip, @at, @at, @expiresAt)`,
  );
  // A session counts only while its user is enabled: disabling a user cuts every device at once.
  const active = db.prepare<[string, string], SessionRow>(
    `SELECT s.* FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.disabled_at IS NULL`,
  );
  const touch = db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?');
  const revoke = db.prepare(
    'UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  );
  const revokeAll = db.prepare(
    'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
  );

  return {
    create(input: {
      id: string;
      userId: string;
      tokenHash: string;
      userAgent: string;
      ip: string;
      at: string;
      expiresAt: string;
    }): void {
      insert.run(input);
    },
    findActive(tokenHash: string, nowIso: string): SessionRow | undefined {
      return active.get(tokenHash, nowIso);
    },
    touch(id: string, at: string, expiresAt: string): void {
      touch.run(at, expiresAt, id);
    },
    findById(id: string): (SessionRow & { role: Role }) | undefined {
      return db
        .prepare<[string], SessionRow & { role: Role }>(
          'SELECT s.*, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?',
        )
        .get(id);
    },
    revoke(id: string, at: string): boolean {
      return revoke.run(at, id).changes > 0;
    },
    revokeAllForUser(userId: string, at: string): number {
      return revokeAll.run(at, userId).changes;
    },
    /** Sessions still usable, newest first, for roles the caller may see. */
    listActive(nowIso: string, roles: readonly Role[]): SessionListing[] {
      return db
        .prepare<unknown[], SessionListing>(
          `SELECT s.id, s.user_id AS userId, u.username, u.display_name AS displayName, u.role,
                  s.user_agent AS userAgent, s.ip, s.created_at AS createdAt,
                  s.last_seen_at AS lastSeenAt, s.expires_at AS expiresAt, s.revoked_at AS revokedAt
           FROM sessions s JOIN users u ON u.id = s.user_id
           WHERE s.revoked_at IS NULL AND s.expires_at > ?
             AND u.role IN (${roles.map(() => '?').join(',')})
           ORDER BY s.last_seen_at DESC`,
        )
        .all(nowIso, ...roles);
    },
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
