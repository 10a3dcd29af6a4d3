import { expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { feedbackRepository } from '../repositories/feedback.ts';
import { withMigratedDb } from '../testing.ts';

it('fills the feedback summary from the responses stored before it, counted ones only', () =>
  withMigratedDb(28, (db) => {
    db.prepare(
      `INSERT INTO communities (code, name, type, total_households, created_at, updated_at)
       VALUES ('C1', '示例', '导入居', 100, 't', 't')`,
    ).run();
    const add = db.prepare(
      `INSERT INTO responses (id, content_hash, content, community_code, household_key, channel,
         collected_at, collected_day, score, received_at, counted)
       VALUES (?, 'h', ?, 'C1', ?, 'door', ?, '2025-11-20', 90, 't', ?)`,
    );
    const content = (answers: object) => JSON.stringify({ answers });
    add.run(
      'r1',
      content({ q10: ['A', 'H'], q10Other: '路灯坏了', q11: ['B'], q12: '停车难' }),
      '1号101室',
      't1',
      1,
    );
    add.run('r2', content({ q10: ['A'], q11: ['B'], q12: '重复户不计' }), '1号101室', 't2', 0);
    add.run('r3', content({ q10: ['C'], q11: [], q12: '  ' }), '2号201室', 't3', 1);
    migrate(db);
    const feedback = feedbackRepository(db);
    expect(feedback.respondents(2025)).toEqual([{ code: 'C1', count: 2 }]);
    expect(feedback.optionCounts(2025, 'q10')).toEqual([
      { code: 'C1', letter: 'A', count: 1 },
      { code: 'C1', letter: 'C', count: 1 },
      { code: 'C1', letter: 'H', count: 1 },
    ]);
    expect(feedback.optionCounts(2025, 'q11')).toEqual([{ code: 'C1', letter: 'B', count: 1 }]);
    const all = feedback.texts({ year: 2025, limit: 10, offset: 0 });
    expect(all.items.map((t) => [t.responseId, t.field, t.text])).toEqual([
      ['r1', 'q10Other', '路灯坏了'],
      ['r1', 'q12', '停车难'],
    ]);
    // The search index was filled too, and the triggers keep it from here on.
    expect(feedback.texts({ year: 2025, search: '停车难', limit: 10, offset: 0 }).total).toBe(1);
    add.run('r4', content({ q10: [], q11: [], q12: '停车难，车位少' }), '3号301室', 't4', 1);
    expect(feedback.texts({ year: 2025, search: '停车难', limit: 10, offset: 0 }).total).toBe(2);
  }));
