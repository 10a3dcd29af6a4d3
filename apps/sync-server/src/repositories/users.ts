import type { Db } from '../db/open.ts';

export const ROLES = [
  'admin',
  'coordinator',
  'canvasser',
  'interviewer',
  'department_scorer',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that collect in the field and are limited to the communities they are assigned. */
export const FIELD_ROLES: readonly Role[] = ['canvasser', 'interviewer'];

/**
 * What each role may file: a canvasser carries the questionnaire and records the visits that
 * ended without one; interviews are held alongside it, so an interviewer files all three;
 * coordinators and admins file all three (paper and phone records keyed in at the office); a
 * department scorer files none.
 */
export function kindsFor(role: Role): ReadonlySet<'survey' | 'interview' | 'visit'> {
  // A visit outcome (不在家 / 拒访 / 空置) is part of going door to door, as a survey is.
  if (role === 'canvasser') return new Set(['survey', 'visit']);
  if (role === 'department_scorer') return new Set();
  return new Set(['survey', 'interview', 'visit']);
}

/**
 * Whose accounts and device sessions a role manages: an admin everyone (every role, including
 * ones added later), a coordinator the field staff. The one answer for users and sessions alike.
 */
export function manageableRoles(actor: Role): readonly Role[] {
  if (actor === 'admin') return ROLES;
  if (actor === 'coordinator') return FIELD_ROLES;
  return [];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  /** Assigned community codes (field roles); admins and coordinators reach every community. */
  communities: string[];
  /** The 附件2 department a department_scorer scores for (@jiuting/scorecard id); else null. */
  department: string | null;
  createdAt: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled_at: string | null;
  department: string | null;
  created_at: string;
}

export function usersRepository(db: Db) {
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byUsername = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  const communitiesOf = db
    .prepare<[string], string>(
      'SELECT community_code FROM user_communities WHERE user_id = ? ORDER BY community_code',
    )
    .pluck();
  const clearCommunities = db.prepare('DELETE FROM user_communities WHERE user_id = ?');
  const addCommunity = db.prepare(
    'INSERT INTO user_communities (user_id, community_code) VALUES (?, ?)',
  );

  function toUser(row: UserRow): User {
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      disabled: row.disabled_at !== null,
      communities: communitiesOf.all(row.id),
      department: row.department,
      createdAt: row.created_at,
    };
  }

  const setCommunities = db.transaction((userId: string, codes: readonly string[]) => {
    clearCommunities.run(userId);
    for (const code of new Set(codes)) addCommunity.run(userId, code);
  });

  return {
    count(): number {
      return db.prepare('SELECT count(*) FROM users').pluck().get() as number;
    },
    findById(id: string): User | undefined {
      const row = byId.get(id);
      return row ? toUser(row) : undefined;
    },
    findByUsername(username: string): User | undefined {
      const row = byUsername.get(username);
      return row ? toUser(row) : undefined;
    },
    /** The user and their password hash, for login only. */
    findCredentials(username: string): { user: User; passwordHash: string } | undefined {
      const row = byUsername.get(username);
      return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
    },
    list(roles: readonly Role[] = ROLES): User[] {
      const rows = db
        .prepare<unknown[], UserRow>(
          `SELECT * FROM users WHERE role IN (${roles.map(() => '?').join(',')}) ORDER BY username`,
        )
        .all(...roles);
      return rows.map(toUser);
    },
    create(input: {
      id: string;
      username: string;
      displayName: string;
      role: Role;
      passwordHash: string;
      communities: readonly string[];
      department?: string | null;
      at: string;
    }): User {
      db.transaction(() => {
        db.prepare(
          `INSERT INTO users (id, username, display_name, role, password_hash, department, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          input.id,
          input.username,
          input.displayName,
          input.role,
          input.passwordHash,
          input.department ?? null,
          input.at,
          input.at,
        );
        setCommunities(input.id, input.communities);
      })();
      return this.findById(input.id) as User;
    },
    update(
      id: string,
      patch: {
        displayName?: string;
        role?: Role;
        passwordHash?: string;
        disabled?: boolean;
        communities?: readonly string[];
        /** Set with role: null for every role but department_scorer. */
        department?: string | null;
      },
      at: string,
    ): User | undefined {
      db.transaction(() => {
        const sets: string[] = ['updated_at = @at'];
        if (patch.displayName !== undefined) sets.push('display_name = @displayName');
        if (patch.role !== undefined) sets.push('role = @role');
        if (patch.passwordHash !== undefined) sets.push('password_hash = @passwordHash');
        if (patch.disabled !== undefined) sets.push('disabled_at = @disabledAt');
        if (patch.department !== undefined) sets.push('department = @department');
        db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = @id`).run({
          id,
          at,
          displayName: patch.displayName ?? null,
          role: patch.role ?? null,
          passwordHash: patch.passwordHash ?? null,
          disabledAt: patch.disabled ? at : null,
          department: patch.department ?? null,
        });
        if (patch.communities !== undefined) setCommunities(id, patch.communities);
      })();
      return this.findById(id);
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
