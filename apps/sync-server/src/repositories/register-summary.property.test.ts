import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RegisterHousehold } from '../tables/register-file.ts';
import { buildTestApp } from '../testing.ts';
import { reviewRepository } from './review.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp());
});
afterAll(async () => cleanup());

const COMMUNITIES = ['DEMO01', 'DEMO02'] as const;
// Keys in the register's area 甲, one not in any register, and one from before areas (未分区)
// that an area assignment moves into 甲.
const KEYS = ['甲·1号101室', '甲·1号102室', '甲·2号', '乙·9号901室', '1号101室'] as const;
const STATUSES = ['居住', '空置', '非住宅'] as const;
const YEARS = [2025, 2026] as const;

const Op = fc.oneof(
  fc.record({
    kind: fc.constant('response' as const),
    community: fc.constantFrom(...COMMUNITIES),
    household: fc.constantFrom(...KEYS),
    // Two assessment years side by side: the same door counts once in each.
    year: fc.constantFrom(...YEARS),
    score: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({ kind: fc.constant('invalidate' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('area' as const), pick: fc.nat() }),
  // A (re-)import: the households listed, each with a status; the others leave or stay flagged.
  fc.record({
    kind: fc.constant('import' as const),
    community: fc.constantFrom(...COMMUNITIES),
    households: fc.uniqueArray(
      fc.record({
        key: fc.constantFrom('甲·1号101室', '甲·1号102室', '甲·2号', '甲·3号'),
        status: fc.constantFrom(...STATUSES),
      }),
      { selector: (h) => h.key, maxLength: 4 },
    ),
  }),
  // A coordinator adding a 册外 response's address to the register.
  fc.record({ kind: fc.constant('add' as const), pick: fc.nat() }),
);

function household(key: string, status: (typeof STATUSES)[number]): RegisterHousehold {
  const [area, rest] = key.split('·') as [string, string];
  return {
    householdKey: key,
    area,
    road: '',
    lane: '',
    building: rest,
    unit: '',
    room: '',
    status,
  };
}

// The totals as they were computed before the summary: every register household joined with its
// responses of the year, and every valid response of the year of a register community looked up
// in its register.
const RECOUNT = `
  SELECT g.community_code AS code,
    (SELECT count(*) FROM register_households h
     WHERE h.community_code = g.community_code AND h.status = '居住') AS households,
    (SELECT count(*) FROM register_households h JOIN responses r
       ON r.community_code = h.community_code AND r.household_key = h.household_key
          AND r.counted = 1 AND r.assessment_year = @year
     WHERE h.community_code = g.community_code AND h.status = '居住') AS counted,
    (SELECT coalesce(sum(r.score), 0) FROM register_households h JOIN responses r
       ON r.community_code = h.community_code AND r.household_key = h.household_key
          AND r.counted = 1 AND r.assessment_year = @year
     WHERE h.community_code = g.community_code AND h.status = '居住') AS scoreSum,
    (SELECT count(*) FROM responses r
     WHERE r.community_code = g.community_code AND r.invalidated_at IS NULL
       AND r.assessment_year = @year
       AND NOT EXISTS (SELECT 1 FROM register_households h
                       WHERE h.community_code = r.community_code
                         AND h.household_key = r.household_key)) AS outside
  FROM household_registers g ORDER BY g.community_code`;

it('keeps each assessment year’s register totals equal to a recount of that year through responses, reviews, area assignments, imports and additions', () => {
  const coordinator = app.repos.users.create({
    id: randomUUID(),
    username: 'coord-summary',
    displayName: 'c',
    role: 'coordinator',
    passwordHash: 'x',
    communities: [],
    at: 'now',
  }).id;
  const review = reviewRepository(app.db, app.repos.submissions);
  fc.assert(
    fc.property(fc.array(Op, { maxLength: 40 }), (ops) => {
      app.db.exec('DELETE FROM register_households; DELETE FROM household_registers');
      app.db.exec('DELETE FROM responses');
      const ids: string[] = [];
      const pick = (n: number) => ids[n % ids.length] as string;
      ops.forEach((op, n) => {
        const at = new Date(Date.UTC(2025, 10, 20) + n * 1000).toISOString();
        if (op.kind === 'response') {
          const id = randomUUID();
          ids.push(id);
          app.db.transaction(() =>
            app.repos.submissions.insertResponse({
              id,
              contentHash: 'h',
              content: '{}',
              communityCode: op.community,
              householdKey: op.household,
              channel: 'door',
              collectedAt: '2025-11-20T10:00:00+08:00',
              collectedDay: '2025-11-20',
              score: op.score,
              receivedAt: at,
              userId: null,
              sessionId: null,
              source: 'sync',
              exportedBy: null,
              assessmentYear: op.year,
            }),
          )();
        } else if (op.kind === 'import') {
          app.db.transaction(() =>
            app.repos.registers.importRegister(
              op.community,
              op.households.map((h) => household(h.key, h.status)),
              at,
              null,
            ),
          )();
        } else if (ids.length === 0) {
          // Nothing to act on yet.
        } else if (op.kind === 'area') {
          const id = pick(op.pick);
          const key = app.db
            .prepare('SELECT household_key FROM responses WHERE id = ?')
            .pluck()
            .get(id) as string;
          if (!key.includes('·')) {
            app.db.transaction(() => app.repos.submissions.moveResponseKey(id, `甲·${key}`))();
          }
        } else if (op.kind === 'add') {
          const row = app.repos.registers.response(pick(op.pick));
          if (
            row &&
            app.repos.registers.hasRegister(row.communityCode) &&
            row.householdKey.includes('·')
          ) {
            app.db.transaction(() =>
              app.repos.registers.addHousehold(
                row.communityCode,
                household(row.householdKey, '居住'),
                at,
              ),
            )();
          }
        } else {
          const action = {
            kind: 'response' as const,
            id: pick(op.pick),
            actorUserId: coordinator,
            at,
            ip: '',
          };
          if (op.kind === 'invalidate') review.invalidate(action, '核查无效');
          else review.restore(action);
        }
      });
      for (const year of YEARS) {
        expect(app.repos.registers.totals(year)).toEqual(app.db.prepare(RECOUNT).all({ year }));
        for (const code of COMMUNITIES) {
          expect(app.repos.registers.unreviewedOutsideCount(code, year)).toBe(
            app.repos.registers.outside(code, year).length,
          );
        }
      }
    }),
    { numRuns: 80 },
  );
});
