import { expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { withMigratedDb } from '../testing.ts';

it('fills the register summary from the registers and responses an older release stored', () =>
  withMigratedDb(44, (db) => {
    db.exec(`
      INSERT INTO communities (code, name, type, total_households, created_at, updated_at)
        VALUES ('C1', '有户册', '导入居', 100, 't', 't'), ('C2', '无户册', '村改居', 50, 't', 't');
      INSERT INTO household_registers (community_code, imported_at) VALUES ('C1', 't');
      INSERT INTO register_households (community_code, household_key, area, building, status, updated_at)
        VALUES ('C1', '甲·1号101室', '甲', '1号', '居住', 't'),
               ('C1', '甲·1号102室', '甲', '1号', '居住', 't'),
               ('C1', '甲·2号', '甲', '2号', '空置', 't');`);
    const add = db.prepare(
      `INSERT INTO responses (id, content_hash, content, community_code, household_key, channel,
         collected_at, collected_day, score, received_at, counted, invalidated_at)
       VALUES (?, 'h', '{}', ?, ?, 'door', 't', '2025-11-20', ?, 't', ?, ?)`,
    );
    add.run('r1', 'C1', '甲·1号101室', 80, 1, null);
    add.run('r2', 'C1', '甲·1号101室', 60, 0, null); // a repeat: not counted, not 册外
    add.run('r3', 'C1', '甲·2号', 70, 1, null); // counted, but the household is 空置
    add.run('r4', 'C1', '乙·9号', 90, 1, null); // 册外
    add.run('r5', 'C1', '乙·8号', 90, 0, 't'); // invalid: nowhere
    add.run('r6', 'C2', '丙·1号', 50, 1, null); // no register: no summary row
    // As 045 left it (047 splits it by assessment year; its own test covers that).
    migrate(db, { upTo: 45 });
    expect(db.prepare('SELECT * FROM register_summary').all()).toEqual([
      { community_code: 'C1', households: 2, counted: 1, score_sum: 80, outside: 1 },
    ]);
  }));
