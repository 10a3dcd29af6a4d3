import { expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { withMigratedDb } from '../testing.ts';

it('keeps the keys stored before areas as they were, in the area 未分区', () =>
  withMigratedDb(39, (db) => {
    db.prepare(
      `INSERT INTO communities (code, name, type, total_households, created_at, updated_at)
       VALUES ('C1', '示例', '导入居', 100, 't', 't')`,
    ).run();
    const add = db.prepare(
      `INSERT INTO responses (id, content_hash, content, community_code, household_key, channel,
         collected_at, collected_day, score, received_at, counted)
       VALUES (?, 'h', '{}', 'C1', ?, 'door', 't', '2025-11-20', 90, 't', 1)`,
    );
    add.run('r1', '12号301室');
    migrate(db);
    add.run('r2', '新姚村·3组25号');
    const rows = db
      .prepare('SELECT household_key, household_area FROM responses ORDER BY seq')
      .all();
    expect(rows).toEqual([
      { household_key: '12号301室', household_area: '未分区' },
      { household_key: '新姚村·3组25号', household_area: '新姚村' },
    ]);
  }));
