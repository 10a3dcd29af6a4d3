import { randomUUID } from 'node:crypto';
import { responseFlags, shanghaiDay } from '@jiuting/questionnaire';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createUser } from '../testing.ts';
import { qualityRepository } from './quality.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let collectors: string[];
beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp());
  collectors = [
    (await createUser(app, 'canvasser', ['DEMO01'])).id,
    (await createUser(app, 'canvasser', ['DEMO01'])).id,
  ];
});
afterAll(async () => cleanup());

const ANSWERS = { q3: 'A', q4: 'C', q5: 'B', q6: 'C', q7: 'B', q8: 'B', q9: 'C' };
const START = Date.parse('2025-11-20T23:54:00+08:00');

// Responses crowded into the 12 minutes around two midnights, by two collectors (door, phone,
// paper) and residents on two fingerprints, some invalidated: bursts start and end across
// days, channels and the review's decisions.
const Response = fc.record({
  night: fc.nat({ max: 1 }),
  minute: fc.nat({ max: 12 }),
  channel: fc.constantFrom('door', 'phone', 'paper', 'qr'),
  collector: fc.nat({ max: 1 }),
  fingerprint: fc.constantFrom('f1', 'f2', null),
  invalid: fc.boolean(),
});

it('a page of responses gets the same flags from its neighbours as from the whole year', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(Response, fc.constant(null)), { minLength: 20, maxLength: 60 }),
      fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
      (generated, picks) => {
        app.db.exec('DELETE FROM responses');
        const ids: string[] = [];
        for (const [i, r] of generated.entries()) {
          // Nulls make runs sparser, so some collectors have no neighbour at all.
          if (r === null) continue;
          const collectedAt = new Date(
            START + (r.night * 24 * 60 + r.minute) * 60_000,
          ).toISOString();
          const qr = r.channel === 'qr';
          const id = randomUUID();
          ids.push(id);
          app.repos.submissions.insertResponse({
            assessmentYear: 2025,
            id,
            contentHash: 'h',
            content: JSON.stringify({ answers: ANSWERS }),
            communityCode: 'DEMO01',
            householdKey: `1号${100 + i}室`,
            channel: r.channel,
            collectedAt,
            collectedDay: shanghaiDay(collectedAt),
            score: 56,
            receivedAt: collectedAt,
            userId: qr ? null : (collectors[r.collector] as string),
            sessionId: null,
            source: qr ? 'qr' : 'sync',
            exportedBy: null,
            startedAt: new Date(Date.parse(collectedAt) - 300_000).toISOString(),
            fingerprint: qr ? r.fingerprint : null,
          });
          if (r.invalid)
            app.db
              .prepare('UPDATE responses SET invalidated_at = ?, invalid_reason = ? WHERE id = ?')
              .run(collectedAt, '测试', id);
        }
        if (ids.length === 0) return;
        const quality = qualityRepository(app.db);
        const year = responseFlags(quality.responses('2025-01-01', '2025-12-31'));
        const page = [...new Set(picks.map((p) => ids[p % ids.length] as string))];
        const around = responseFlags(quality.responsesAround(page));
        for (const id of page) expect(around.get(id)).toEqual(year.get(id));
      },
    ),
    { numRuns: 100 },
  );
});
