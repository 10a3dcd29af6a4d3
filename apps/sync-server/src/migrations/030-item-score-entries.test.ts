import { expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { withMigratedDb } from '../testing.ts';

it('keeps every stored score as its department’s entry, and only confirmed ones as scores', () =>
  withMigratedDb(29, (db) => {
    const at = '2025-12-01T02:00:00.000Z';
    db.prepare(
      `INSERT INTO communities (code, name, type, total_households, created_at, updated_at)
       VALUES ('OLD01', '旧居民区', '村改居', 400, ?, ?)`,
    ).run(at, at);
    db.prepare(
      `INSERT INTO users (id, username, display_name, role, password_hash, department, created_at, updated_at)
       VALUES ('u-peace', 'peace', '平安办评分员', 'department_scorer', 'x', 'peace-office', ?, ?)`,
    ).run(at, at);
    db.prepare(
      `INSERT INTO assessment_years (year, state, created_at) VALUES (2025, 'open', ?)`,
    ).run(at);
    const score = db.prepare(
      `INSERT INTO assessment_item_scores (year, community_code, item_id, points, basis, department,
         entered_by, entered_at, confirmed_by, confirmed_at)
       VALUES (2025, 'OLD01', ?, ?, '台账齐全', 'peace-office', 'u-peace', ?, ?, ?)`,
    );
    score.run('regular.stability.overall', 9, at, 'u-peace', at);
    score.run('regular.property.safety', 3, at, null, null);

    migrate(db);
    expect(
      db
        .prepare('SELECT item_id, department, points FROM assessment_item_entries ORDER BY item_id')
        .all(),
    ).toEqual([
      { item_id: 'regular.property.safety', department: 'peace-office', points: 3 },
      { item_id: 'regular.stability.overall', department: 'peace-office', points: 9 },
    ]);
    expect(
      db.prepare('SELECT item_id, points, combination_rule FROM assessment_item_scores').all(),
    ).toEqual([{ item_id: 'regular.stability.overall', points: 9, combination_rule: 'lead' }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  }));
