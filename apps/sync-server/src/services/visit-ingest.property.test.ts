import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../testing.ts';
import type { IngestContext } from './ingest.ts';

// The sync invariants for visit outcomes, whatever the order and batching of resends: the first
// content sent under an id is the one stored; the same content again is a duplicate, other
// content a conflict; nothing is stored twice, and no visit ever counts toward coverage.

let app: FastifyInstance;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp());
});
afterAll(async () => cleanup());

const OUTCOMES = ['not_home', 'refused', 'vacant'] as const;
const quiet = { warn() {}, error() {} };

function context(): IngestContext {
  return {
    receivedAt: '2025-12-01T00:00:00.000Z',
    userId: null,
    sessionId: null,
    source: 'sync',
    exportedBy: null,
    communities: 'all',
    kinds: new Set(['visit']),
  };
}

it('stores the first content of each id once, answers resends duplicate and changes conflict', async () => {
  await fc.assert(
    fc.asyncProperty(
      // A pool of ids, and sends: which id, which of two contents, in batches of 1–5.
      fc.integer({ min: 1, max: 5 }),
      fc.array(
        fc.array(fc.record({ item: fc.nat(4), variant: fc.nat(1) }), {
          minLength: 1,
          maxLength: 5,
        }),
        { minLength: 1, maxLength: 8 },
      ),
      async (poolSize, batches) => {
        const ids = Array.from({ length: poolSize }, () => randomUUID());
        const content = (item: number, variant: number) => ({
          kind: 'visit',
          id: ids[item % poolSize],
          communityCode: 'DEMO01',
          householdAddress: `九亭小区·${(item % poolSize) + 1}号301室`,
          outcome: OUTCOMES[(item + variant) % OUTCOMES.length] as string,
          collectedAt: '2025-11-20T10:00:00+08:00',
        });
        const first = new Map<string, string>();
        for (const batch of batches) {
          const items = batch.map((s) => content(s.item, s.variant));
          const results = await app.ingest(items, context(), quiet);
          items.forEach((item, i) => {
            const id = item.id as string;
            const stored = first.get(id);
            const expected =
              stored === undefined
                ? 'accepted'
                : stored === item.outcome
                  ? 'duplicate'
                  : 'conflict';
            expect(results[i]?.status).toBe(expected);
            if (stored === undefined) first.set(id, item.outcome);
          });
        }
        const rows = app.db
          .prepare(`SELECT id, outcome FROM visits WHERE id IN (${ids.map(() => '?').join(',')})`)
          .all(...ids) as { id: string; outcome: string }[];
        expect(new Map(rows.map((r) => [r.id, r.outcome]))).toEqual(first);
        expect(app.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
      },
    ),
    { numRuns: 40 },
  );
});
