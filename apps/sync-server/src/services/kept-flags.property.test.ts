import { randomUUID } from 'node:crypto';
import { shanghaiDay } from '@jiuting/questionnaire';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createUser } from '../testing.ts';
import { keptFlags } from './kept-flags.ts';
import { qualityReport } from './quality.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let collectors: string[];
beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp());
  collectors = [
    (await createUser(app, 'canvasser', ['DEMO01'])).id,
    (await createUser(app, 'canvasser', ['DEMO02'])).id,
  ];
});
afterAll(async () => cleanup());

const ORDINARY = { q3: 'A', q4: 'C', q5: 'B', q6: 'C', q7: 'B', q8: 'B', q9: 'C' };
const BEST = { q3: 'A', q4: 'A', q5: 'D', q6: 'D', q7: 'D', q8: 'A', q9: 'A' };
const START = Date.parse('2025-11-20T21:50:00+08:00');

// Responses crowded into a few hours (bursts form and grow as they arrive), between them the
// changes a coordinator or the server makes to stored ones.
const Op = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('store' as const),
      count: fc.integer({ min: 1, max: 4 }),
      minute: fc.nat({ max: 180 }),
      channel: fc.constantFrom('door', 'phone', 'paper', 'qr'),
      collector: fc.nat({ max: 1 }),
      fingerprint: fc.constantFrom('f1', 'f2', null),
      year: fc.constantFrom(2025, 2026),
      best: fc.boolean(),
      seconds: fc.integer({ min: 10, max: 900 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('invalidate' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear_fingerprints' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), name: fc.string() }) },
);

let renamed = 0;
const FILTERS = [
  {},
  { community: 'DEMO01' },
  { flag: 'collector_burst' as const },
  { community: 'DEMO02', flag: 'too_fast' as const },
];

it('the kept flags and reports equal a recount after every store and change', () => {
  fc.assert(
    fc.property(fc.array(Op, { minLength: 1, maxLength: 25 }), (ops) => {
      app.db.exec('DELETE FROM responses');
      const { quality } = app.repos;
      const year2025 = keptFlags({
        changes: quality.changes,
        all: () => quality.responsesOfYear(2025),
        after: (seq) => quality.responsesAfter(seq, 2025),
      });
      const everyYear = keptFlags({
        changes: quality.changes,
        all: () => quality.responses('0000-01-01', '9999-12-31'),
        after: (seq) => quality.responsesAfter(seq),
      });
      let n = 0;
      for (const op of ops) {
        const ids = app.db.prepare('SELECT id FROM responses ORDER BY seq').pluck().all();
        const picked = (pick: number) => ids[pick % Math.max(1, ids.length)];
        if (op.kind === 'store') {
          for (let i = 0; i < op.count; i += 1) {
            n += 1;
            const collectedAt = new Date(START + (op.minute + i * 2) * 60_000).toISOString();
            const qr = op.channel === 'qr';
            app.repos.submissions.insertResponse({
              assessmentYear: op.year,
              id: randomUUID(),
              contentHash: 'h',
              content: JSON.stringify({ answers: op.best ? BEST : ORDINARY }),
              communityCode: op.collector === 0 ? 'DEMO01' : 'DEMO02',
              householdKey: `1号${n}室`,
              channel: op.channel,
              collectedAt,
              collectedDay: shanghaiDay(collectedAt),
              score: op.best ? 100 : 56,
              receivedAt: collectedAt,
              userId: qr ? null : (collectors[op.collector] as string),
              sessionId: null,
              source: qr ? 'qr' : 'sync',
              exportedBy: null,
              startedAt: new Date(Date.parse(collectedAt) - op.seconds * 1000).toISOString(),
              fingerprint: qr ? op.fingerprint : null,
            });
          }
        } else if (op.kind === 'invalidate') {
          app.db
            .prepare("UPDATE responses SET invalidated_at = 'x', invalid_reason = 'y' WHERE id = ?")
            .run(picked(op.pick));
        } else if (op.kind === 'remove') {
          app.db.prepare('DELETE FROM responses WHERE id = ?').run(picked(op.pick));
        } else if (op.kind === 'clear_fingerprints') {
          app.db.exec('UPDATE responses SET client_fingerprint = NULL');
        } else {
          // As the users route writes it: the time of the change, to the millisecond.
          renamed += 1;
          app.db
            .prepare('UPDATE users SET display_name = ?, updated_at = ? WHERE id = ?')
            .run(
              `采集员${op.name}`,
              new Date(Date.UTC(2030, 0, 1) + renamed).toISOString(),
              collectors[0],
            );
        }
        const kept = year2025();
        const rows = quality.responsesOfYear(2025);
        for (const filter of FILTERS)
          expect(qualityReport(kept.rows, filter, kept)).toEqual(qualityReport(rows, filter));
        expect(new Map(everyYear().flags)).toEqual(
          new Map(
            qualityReport(quality.responses('0000-01-01', '9999-12-31'), {}).flagged.map((f) => [
              f.id,
              f.flags,
            ]),
          ),
        );
      }
    }),
    { numRuns: 60 },
  );
});
