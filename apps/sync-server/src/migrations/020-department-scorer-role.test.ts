import { expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { schemaVersion } from '../db/migrate.ts';
import { hashToken, SESSION_COOKIE } from '../plugins/auth.ts';
import { TEST_SCRYPT_COST, withMigratedDb } from '../testing.ts';

it('rebuilds users for the department_scorer role keeping every user, assignment, session and reference', () =>
  withMigratedDb(19, async (old, dbPath) => {
    expect(schemaVersion(old)).toBeLessThan(20);
    const at = '2025-11-20T02:00:00.000Z';
    const later = '2099-01-01T00:00:00.000Z';
    old
      .prepare(
        `INSERT INTO communities (code, name, type, total_households, created_at, updated_at)
       VALUES ('OLD01', '旧居民区', '村改居', 400, ?, ?)`,
      )
      .run(at, at);
    const addUser = old.prepare(
      `INSERT INTO users (id, username, display_name, role, password_hash, disabled_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'scrypt$1024$8$1$AAAA$AAAA', ?, ?, ?)`,
    );
    addUser.run('u-admin', 'admin', '管理员', 'admin', null, at, at);
    addUser.run('u-canvasser', 'caiji', '采集员', 'canvasser', null, at, at);
    addUser.run('u-gone', 'gone', '停用', 'interviewer', at, at, at);
    old.prepare(`INSERT INTO user_communities VALUES ('u-canvasser', 'OLD01')`).run();
    old
      .prepare(
        `INSERT INTO sessions (id, user_id, token_hash, user_agent, ip, created_at, last_seen_at, expires_at)
       VALUES ('s1', 'u-canvasser', ?, 'phone', '10.0.0.1', ?, ?, ?)`,
      )
      .run(hashToken('phone-token'), at, at, later);
    old
      .prepare(
        `INSERT INTO responses (id, content_hash, content, community_code, household_key, channel,
         collected_at, collected_day, score, received_at, user_id, session_id, counted)
       VALUES ('11111111-1111-4111-8111-111111111111', 'h', '{}', 'OLD01', '1号101室', 'door',
         '2025-11-20T10:00:00+08:00', '2025-11-20', 80, ?, 'u-canvasser', 's1', 1)`,
      )
      .run(at);
    const before = {
      users: old.prepare('SELECT * FROM users ORDER BY id').all(),
      sessions: old.prepare('SELECT * FROM sessions').all(),
    };
    old.close();

    const app = await buildApp({
      dbPath,
      logger: false,
      scryptCost: TEST_SCRYPT_COST,
      now: () => new Date('2025-11-21T00:00:00Z'),
    });
    try {
      expect(schemaVersion(app.db)).toBeGreaterThanOrEqual(21);
      const users = app.db.prepare('SELECT * FROM users ORDER BY id').all() as Record<
        string,
        unknown
      >[];
      expect(users).toEqual(before.users.map((u) => ({ ...(u as object), department: null })));
      expect(app.db.prepare('SELECT * FROM sessions').all()).toEqual(before.sessions);
      expect(app.db.prepare('SELECT * FROM user_communities').all()).toEqual([
        { user_id: 'u-canvasser', community_code: 'OLD01' },
      ]);
      expect(app.db.pragma('foreign_key_check')).toEqual([]);
      // The phone's session still signs it in, with its assignment.
      const me = await app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { cookie: `${SESSION_COOKIE}=phone-token` },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json().user).toMatchObject({ username: 'caiji', communities: ['OLD01'] });
      // The new role is accepted, and only with a department.
      const add = app.db.prepare(
        `INSERT INTO users (id, username, display_name, role, password_hash, department, created_at, updated_at)
       VALUES (?, ?, '评分员', 'department_scorer', 'x', ?, ?, ?)`,
      );
      add.run('u-scorer', 'scorer', 'city-operations-center', at, at);
      expect(() => add.run('u-scorer2', 'scorer2', null, at, at)).toThrow(/CHECK/);
    } finally {
      await app.close();
    }
  }));
