import { rmSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { feedbackRepository } from '../repositories/feedback.ts';
import { tempDbPath } from '../testing.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('splits the feedback summary stored before by assessment year, texts and search included', () => {
  const { dir, dbPath } = tempDbPath();
  dirs.push(dir);
  const db = openDatabase(dbPath);
  try {
    migrate(db, { upTo: 45 });
    db.prepare(
      `INSERT INTO communities (code, name, type, total_households, created_at, updated_at)
       VALUES ('C1', '示例', '导入居', 100, 't', 't')`,
    ).run();
    const add = db.prepare(
      `INSERT INTO responses (id, content_hash, content, community_code, household_key, channel,
         collected_at, collected_day, score, received_at, counted, assessment_year)
       VALUES (?, 'h', ?, 'C1', ?, 'door', 't', '2025-11-20', 90, 't', 1, ?)`,
    );
    const content = (answers: object) => JSON.stringify({ answers });
    add.run('r1', content({ q10: ['A'], q12: '去年停车难' }), '1号101室', 2025);
    add.run('r2', content({ q10: ['A', 'B'], q12: '今年停车难' }), '1号101室', 2026);
    migrate(db);
    const feedback = feedbackRepository(db);
    const texts = (year: number, search?: string) =>
      feedback.texts({ year, search, limit: 10, offset: 0 });
    expect(texts(2025)).toEqual({
      total: 1,
      items: [expect.objectContaining({ responseId: 'r1' })],
    });
    expect(texts(2026)).toEqual({
      total: 1,
      items: [expect.objectContaining({ responseId: 'r2' })],
    });
    // The trigram index was rebuilt with the new ids: a search finds each year's own.
    expect(texts(2025, '停车难').items.map((t) => t.text)).toEqual(['去年停车难']);
    expect(texts(2026, '停车难').items.map((t) => t.text)).toEqual(['今年停车难']);
    expect(feedback.optionCounts(2025, 'q10')).toEqual([{ code: 'C1', letter: 'A', count: 1 }]);
    expect(feedback.optionCounts(2026, 'q10')).toEqual([
      { code: 'C1', letter: 'A', count: 1 },
      { code: 'C1', letter: 'B', count: 1 },
    ]);
    expect(feedback.respondents(2026)).toEqual([{ code: 'C1', count: 1 }]);
    // The triggers carry on with the year in the id.
    add.run('r3', content({ q12: '今年停车更难' }), '2号201室', 2026);
    expect(texts(2026, '停车').total).toBe(2);
    expect(texts(2026).total).toBe(2);
    expect(texts(2025).total).toBe(1);
  } finally {
    db.close();
  }
});
