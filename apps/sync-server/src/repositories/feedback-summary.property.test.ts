import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../testing.ts';
import {
  containsPattern,
  FEEDBACK_TEXT_FIELDS,
  type FeedbackTextField,
  feedbackRepository,
} from './feedback.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp());
});
afterAll(async () => cleanup());

// Texts with case, LIKE's wildcards, quotes, blanks and repeats of one another, so a search
// by the index and by LIKE could disagree if either were wrong.
const TEXT = fc.constantFrom(
  undefined,
  '',
  '   ',
  '停车难',
  '小区停车难，希望增加车位',
  '楼道灯不亮',
  'WiFi 信号差',
  'wifi 100% 覆盖',
  '希望 a_b 类活动',
  '说 "好" 的',
);
const LETTERS = fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'H', 'I'), { maxLength: 3 });

const Op = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    community: fc.constantFrom('DEMO01', 'DEMO02'),
    // Two assessment years side by side: the same door may count once in each.
    year: fc.constantFrom(2025, 2026),
    household: fc.constantFrom('1号101室', '1号102室', '甲·1号101室'),
    channel: fc.constantFrom('door', 'qr'),
    q10: LETTERS,
    q11: LETTERS,
    q10Other: TEXT,
    q11Other: TEXT,
    q12: TEXT,
  }),
  fc.record({ kind: fc.constant('invalidate' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('area' as const), pick: fc.nat() }),
);

// The views as they were computed before the summary tables: straight from every counted
// response's JSON. The recount the kept tables must always equal.
function recount(year: number, search: string | undefined, community?: string, field?: string) {
  const texts = FEEDBACK_TEXT_FIELDS.map(
    (field) =>
      `SELECT seq, id AS responseId, community_code AS communityCode, '${field}' AS field,
         json_extract(content, '$.answers.${field}') AS text, collected_at AS collectedAt
       FROM responses WHERE counted = 1 AND assessment_year = ${year}`,
  ).join(' UNION ALL ');
  const items = app.db
    .prepare(
      `SELECT t.responseId, t.communityCode, c.name AS communityName, t.field, t.text, t.collectedAt
       FROM (${texts}) t JOIN communities c ON c.code = t.communityCode
       WHERE t.text IS NOT NULL AND trim(t.text) <> '' AND t.text LIKE ? ESCAPE '\\'
         AND t.communityCode LIKE ? AND t.field LIKE ?
       ORDER BY t.seq DESC, t.field`,
    )
    .all(containsPattern(search ?? ''), community ?? '%', field ?? '%');
  const tally = (q: 'q10' | 'q11') =>
    app.db
      .prepare(
        `SELECT r.community_code AS code, j.value AS letter, count(*) AS count
         FROM responses r, json_each(r.content, '$.answers.${q}') j
         WHERE r.counted = 1 AND r.assessment_year = ? GROUP BY r.community_code, j.value`,
      )
      .all(year);
  const respondents = app.db
    .prepare(
      `SELECT community_code AS code, count(*) AS count FROM responses
       WHERE counted = 1 AND assessment_year = ? GROUP BY community_code`,
    )
    .all(year);
  return { items, q10: tally('q10'), q11: tally('q11'), respondents };
}

it('keeps each assessment year’s feedback texts, tallies and respondents equal to a recount of that year’s answers, through inserts, QR yielding, invalidations, restores and area assignments', () => {
  const feedback = feedbackRepository(app.db);
  const reviewer = app.repos.users.create({
    id: randomUUID(),
    username: 'feedback-reviewer',
    displayName: 'r',
    role: 'coordinator',
    passwordHash: 'x',
    communities: [],
    at: 'now',
  }).id;
  fc.assert(
    fc.property(
      fc.array(Op, { maxLength: 30 }),
      fc.constantFrom(undefined, '停车', '停车难', 'WIFI', '100%', 'a_b', '"好"', '车'),
      fc.constantFrom(undefined, 'DEMO01'),
      fc.constantFrom<FeedbackTextField | undefined>(undefined, 'q12', 'q10Other', 'q11Other'),
      fc.nat({ max: 3 }),
      (ops, search, community, field, offset) => {
        app.db.exec('DELETE FROM responses');
        const ids: string[] = [];
        ops.forEach((op, n) => {
          if (op.kind === 'insert') {
            const id = randomUUID();
            ids.push(id);
            const { kind: _k, community, year, household, channel, ...answers } = op;
            app.db.transaction(() =>
              app.repos.submissions.insertResponse({
                id,
                contentHash: 'h',
                content: JSON.stringify({ householdAddress: household, answers }),
                communityCode: community,
                householdKey: household,
                channel,
                collectedAt: new Date(Date.UTC(2025, 10, 20) + n * 1000).toISOString(),
                collectedDay: '2025-11-20',
                score: 80,
                receivedAt: new Date(Date.UTC(2025, 10, 20) + n * 1000).toISOString(),
                userId: null,
                sessionId: null,
                source: channel === 'qr' ? 'qr' : 'sync',
                exportedBy: null,
                assessmentYear: year,
              }),
            )();
          } else if (ids.length > 0 && op.kind === 'area') {
            const id = ids[op.pick % ids.length] as string;
            const key = app.db
              .prepare('SELECT household_key FROM responses WHERE id = ?')
              .pluck()
              .get(id) as string;
            if (!key.includes('·')) {
              app.db.transaction(() => app.repos.submissions.moveResponseKey(id, `甲·${key}`))();
            }
          } else if (ids.length > 0) {
            // Review's own invalidate and restore, as the coordinator's route calls them.
            const action = {
              kind: 'response' as const,
              id: ids[op.pick % ids.length] as string,
              actorUserId: reviewer,
              at: 'now',
              ip: '127.0.0.1',
            };
            if (op.kind === 'invalidate') app.repos.review.invalidate(action, '核查无效');
            else app.repos.review.restore(action);
          }
        });
        for (const year of [2025, 2026]) {
          const expected = recount(year, search, community, field);
          const filter = { year, search, community, field };
          const kept = feedback.texts({ ...filter, limit: 1000, offset: 0 });
          expect(kept.items).toEqual(expected.items);
          // A page is the same slice of the same order.
          const page = feedback.texts({ ...filter, limit: 2, offset });
          expect(page.items).toEqual(expected.items.slice(offset, offset + 2));
          expect(kept.total).toBe(expected.items.length);
          expect(feedback.optionCounts(year, 'q10')).toEqual(expected.q10);
          expect(feedback.optionCounts(year, 'q11')).toEqual(expected.q11);
          expect(feedback.respondents(year)).toEqual(expected.respondents);
        }
      },
    ),
    { numRuns: 60 },
  );
});
