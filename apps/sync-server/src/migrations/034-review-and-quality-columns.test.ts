import { expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { qualityRepository } from '../repositories/quality.ts';
import { submissionsRepository } from '../repositories/submissions.ts';
import { withMigratedDb } from '../testing.ts';

it('keeps the scored letters of responses stored before the column, as the signals read them', () =>
  withMigratedDb(33, (db) => {
    db.prepare(
      `INSERT INTO communities (code, name, type, total_households, created_at, updated_at)
       VALUES ('C1', '示例', '导入居', 100, 't', 't')`,
    ).run();
    const answers = { q3: 'A', q4: 'B', q5: 'C', q6: 'D', q7: 'A', q8: 'B', q9: 'C', q10: ['A'] };
    db.prepare(
      `INSERT INTO responses (id, content_hash, content, community_code, household_key, channel,
         collected_at, collected_day, score, received_at, counted)
       VALUES ('r1', 'h', ?, 'C1', '1号101室', 'door', '2025-11-20T02:00:00Z', '2025-11-20', 60,
         't', 1)`,
    ).run(JSON.stringify({ answers }));
    migrate(db);
    expect(db.prepare("SELECT scored FROM responses WHERE id = 'r1'").pluck().get()).toBe(
      '["A","B","C","D","A","B","C"]',
    );
    // And a response stored from now on has them written as it is stored.
    submissionsRepository(db).insertResponse({
      id: 'r2',
      contentHash: 'h',
      content: JSON.stringify({ answers: { ...answers, q9: 'A' } }),
      communityCode: 'C1',
      householdKey: '2号201室',
      channel: 'door',
      collectedAt: '2025-11-20T03:00:00Z',
      collectedDay: '2025-11-20',
      score: 60,
      receivedAt: 't',
      userId: null,
      sessionId: null,
      source: 'sync',
      exportedBy: null,
      assessmentYear: 2025,
    });
    expect(db.prepare("SELECT scored FROM responses WHERE id = 'r2'").pluck().get()).toBe(
      '["A","B","C","D","A","B","A"]',
    );
    const [row] = qualityRepository(db).responses('2025-01-01', '2025-12-31');
    expect(row?.scored).toEqual({ q3: 'A', q4: 'B', q5: 'C', q6: 'D', q7: 'A', q8: 'B', q9: 'C' });
  }));
