import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../testing.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp());
});
afterAll(async () => cleanup());

const Op = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    community: fc.constantFrom('DEMO01', 'DEMO02'),
    // Keys with and without an area, so moving one into its area meets the other.
    household: fc.constantFrom('1号101室', '1号102室', '2号201室', '甲·1号101室'),
    user: fc.constantFrom<string | null>(null, 'a', 'b'),
    day: fc.constantFrom('2025-11-20', '2025-11-21'),
    score: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({ kind: fc.constant('invalidate' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }),
  // A coordinator assigning an area to a 未分区 response: its key gains the area.
  fc.record({ kind: fc.constant('area' as const), pick: fc.nat() }),
);

it('keeps the coverage summary equal to counting the responses directly, through inserts, invalidations, restores and area assignments', () => {
  const users = {
    a: app.repos.users.create({
      id: randomUUID(),
      username: 'ua',
      displayName: 'a',
      role: 'canvasser',
      passwordHash: 'x',
      communities: [],
      at: 'now',
    }).id,
    b: app.repos.users.create({
      id: randomUUID(),
      username: 'ub',
      displayName: 'b',
      role: 'canvasser',
      passwordHash: 'x',
      communities: [],
      at: 'now',
    }).id,
  };
  fc.assert(
    fc.property(fc.array(Op, { maxLength: 40 }), (ops) => {
      app.db.exec('DELETE FROM responses');
      const ids: string[] = [];
      ops.forEach((op, n) => {
        if (op.kind === 'insert') {
          const id = randomUUID();
          ids.push(id);
          app.repos.submissions.insertResponse({
            assessmentYear: 2025,
            id,
            contentHash: 'h',
            content: '{}',
            communityCode: op.community,
            householdKey: op.household,
            channel: 'door',
            collectedAt: `${op.day}T10:00:00+08:00`,
            collectedDay: op.day,
            score: op.score,
            receivedAt: new Date(Date.UTC(2025, 10, 20) + n * 1000).toISOString(),
            userId: op.user === null ? null : users[op.user as 'a' | 'b'],
            sessionId: null,
            source: 'sync',
            exportedBy: null,
          });
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
          const id = ids[op.pick % ids.length] as string;
          // Review's own invalidate and restore (audited, as the coordinator's route calls them);
          // marking an invalid response again, or restoring a valid one, changes nothing.
          const action = {
            kind: 'response' as const,
            id,
            actorUserId: users.a,
            at: 'now',
            ip: '127.0.0.1',
          };
          if (op.kind === 'invalidate') app.repos.review.invalidate(action, '核查无效');
          else app.repos.review.restore(action);
        }
      });
      const direct = app.db
        .prepare(
          `SELECT community_code AS code, count(*) AS responses, sum(counted) AS counted,
                  sum(counted * score) AS scoreSum
           FROM responses WHERE invalidated_at IS NULL GROUP BY community_code ORDER BY code`,
        )
        .all();
      const summary = app.repos.coverage
        .responseTotals(2025)
        .map(({ lastReceivedAt: _l, ...r }) => r)
        .sort((x, y) => x.code.localeCompare(y.code));
      expect(summary).toEqual(direct);
      // And exactly one counted response for every household that has a valid one.
      const households = app.db
        .prepare(
          `SELECT community_code, household_key, sum(counted) AS c FROM responses
           WHERE invalidated_at IS NULL GROUP BY community_code, household_key`,
        )
        .all() as { c: number }[];
      expect(households.every((h) => h.c === 1)).toBe(true);
    }),
    { numRuns: 60 },
  );
});
