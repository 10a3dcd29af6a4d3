import { expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { withMigratedDb } from '../testing.ts';

it('forgets the usernames typed at failed logins and keeps every other audit row as it was', () =>
  withMigratedDb(22, (db) => {
    const add = db.prepare(
      'INSERT INTO audit (at, actor_user_id, action, target, ip) VALUES (?, ?, ?, ?, ?)',
    );
    add.run('2025-11-20T02:00:00.000Z', null, 'login_failed', 'MyS3cretPassw0rd', '10.0.0.1');
    add.run('2025-11-20T02:00:01.000Z', 'u1', 'login', 'session-1', '10.0.0.1');
    migrate(db);
    const rows = db.prepare('SELECT action, target, ip FROM audit ORDER BY id').all();
    expect(rows).toEqual([
      { action: 'login_failed', target: null, ip: '10.0.0.1' },
      { action: 'login', target: 'session-1', ip: '10.0.0.1' },
    ]);
  }));
