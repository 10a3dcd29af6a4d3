import { expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { withMigratedDb } from '../testing.ts';

it('puts each stored record in the year it was collected for, and counts coverage per year', () =>
  withMigratedDb(41, (db) => {
    db.exec(
      `INSERT INTO communities (code, name, type, total_households, created_at, updated_at)
         VALUES ('C1', '示例', '导入居', 100, 't', 't');
       INSERT INTO assessment_years (year, state, created_at)
         VALUES (2025, 'open', '2025-09-01T00:00:00.000Z'), (2026, 'open', '2026-01-02T01:00:00.000Z');`,
    );
    const response = db.prepare(
      `INSERT INTO responses (id, content_hash, content, community_code, household_key, channel,
         collected_at, collected_day, score, received_at, counted)
       VALUES (?, 'h', '{}', 'C1', '9号901室', 'door', ?, ?, 90, '2026-01-05T00:00:00Z', ?)`,
    );
    // The same door in December (synced in January) and in January: before 042 the second
    // could not count, as one household counted once for ever.
    response.run('dec', '2025-12-30T16:00:00+08:00', '2025-12-30', 1);
    response.run('jan', '2026-01-05T09:00:00+08:00', '2026-01-05', 0);
    response.run('early', '2025-03-01T09:00:00+08:00', '2025-03-01', 0);
    db.prepare(
      `INSERT INTO interviews (id, content_hash, content, community_code, interview_group, method,
         view, interview_date, collected_at, received_at)
       VALUES ('i1', 'h', '{}', 'C1', 'party', 'door', 'A', '2026-01-03', '2026-01-03T10:00:00+08:00', 't')`,
    ).run();

    migrate(db);
    const years = db
      .prepare('SELECT id, assessment_year AS year FROM responses ORDER BY seq')
      .all();
    expect(years).toEqual([
      { id: 'dec', year: 2025 },
      { id: 'jan', year: 2026 },
      // Before the first year was opened: the earliest year.
      { id: 'early', year: 2025 },
    ]);
    expect(db.prepare('SELECT assessment_year FROM interviews').pluck().get()).toBe(2026);
    // January's response can now count for 2026 while December's counts for 2025.
    db.prepare("UPDATE responses SET counted = 1 WHERE id = 'jan'").run();
    const coverage = db
      .prepare(
        `SELECT assessment_year AS year, sum(responses) AS responses, sum(counted) AS counted
         FROM coverage_daily GROUP BY assessment_year ORDER BY 1`,
      )
      .all();
    expect(coverage).toEqual([
      { year: 2025, responses: 2, counted: 1 },
      { year: 2026, responses: 1, counted: 1 },
    ]);
    // The years' collection settings start as the 2025 questionnaire, with no window set.
    expect(
      db
        .prepare(
          'SELECT questionnaire_version, collection_from, collection_to FROM assessment_years WHERE year = 2026',
        )
        .get(),
    ).toEqual({ questionnaire_version: 1, collection_from: null, collection_to: null });
  }));

it('gives every record of a database with no year the first year, 2025', () =>
  withMigratedDb(41, (db) => {
    db.exec(
      `INSERT INTO communities (code, name, type, total_households, created_at, updated_at)
         VALUES ('C1', '示例', '导入居', 100, 't', 't');
       INSERT INTO responses (id, content_hash, content, community_code, household_key, channel,
         collected_at, collected_day, score, received_at, counted)
       VALUES ('r', 'h', '{}', 'C1', '1号', 'door', '2026-02-01T09:00:00+08:00', '2026-02-01', 80, 't', 1);`,
    );
    migrate(db);
    expect(db.prepare('SELECT assessment_year FROM responses').pluck().get()).toBe(2025);
    expect(db.prepare('SELECT assessment_year, counted FROM coverage_daily').get()).toEqual({
      assessment_year: 2025,
      counted: 1,
    });
  }));
