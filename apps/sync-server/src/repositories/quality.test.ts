import { randomUUID } from 'node:crypto';
import { responseFlags, shanghaiDay } from '@jiuting/questionnaire';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, createUser } from '../testing.ts';
import { qualityRepository } from './quality.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
});
afterEach(async () => cleanup());

const ANSWERS = { q3: 'A', q4: 'C', q5: 'B', q6: 'C', q7: 'B', q8: 'B', q9: 'C' };

describe('quality rows around a page of responses', () => {
  it('flag each response as the whole year does, also for a burst across midnight', async () => {
    const canvasser = await createUser(app, 'canvasser', ['DEMO01']);
    const ids: string[] = [];
    // Five visits from 23:56 to 00:04 (Shanghai), then ordinary visits days later.
    const times = [
      ...[0, 2, 4, 6, 8].map((m) => Date.parse('2025-11-20T23:56:00+08:00') + m * 60_000),
      ...[0, 1, 2].map((d) => Date.parse('2025-11-25T10:00:00+08:00') + d * 86_400_000),
    ];
    for (const [i, ms] of times.entries()) {
      const collectedAt = new Date(ms).toISOString();
      const id = randomUUID();
      ids.push(id);
      app.repos.submissions.insertResponse({
        assessmentYear: 2025,
        id,
        contentHash: 'h',
        content: JSON.stringify({ answers: ANSWERS }),
        communityCode: 'DEMO01',
        householdKey: `1号${101 + i}室`,
        channel: 'door',
        collectedAt,
        collectedDay: shanghaiDay(collectedAt),
        score: 56,
        receivedAt: collectedAt,
        userId: canvasser.id,
        sessionId: null,
        source: 'sync',
        exportedBy: null,
      });
    }
    const quality = qualityRepository(app.db);
    const year = responseFlags(quality.responses('2025-01-01', '2025-12-31'));
    expect(year.get(ids[4] as string)).toContain('collector_burst');
    for (const id of ids) {
      const alone = responseFlags(quality.responsesAround([id]));
      expect(alone.get(id)).toEqual(year.get(id));
    }
  });
});
