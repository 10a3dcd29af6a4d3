import { sampleInterview, sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs } from '../testing.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
// An interviewer files both kinds of record (a canvasser files questionnaires only).
let collector: LoggedIn;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  collector = await loginAs(app, 'interviewer', ['DEMO01', 'DEMO02']);
});
afterEach(async () => cleanup());

function sync(items: unknown[]) {
  return app.inject({
    method: 'POST',
    url: '/api/sync',
    headers: { ...CLIENT_HEADERS, cookie: collector.cookie },
    payload: { items },
  });
}

// The first batch to reach an idle server is stored at once, alone; batches that arrive while
// its commit is under way share the next transaction. An opener sent first makes the batches
// after it arrive during a commit.
const opener = () => sync([sampleSurvey({ communityCode: 'DEMO01' })]);

const statuses = (res: { json(): { results: { status: string }[] } }) =>
  res.json().results.map((r) => r.status);
const stored = () => app.db.prepare('SELECT count(*) FROM responses').pluck().get();

describe('ingest: group commit of batches that arrive together', () => {
  it('retries each batch of a failed group alone: the healthy batch is stored, only the faulty one answers 500', async () => {
    // A fault that is not about an item (a function the write calls throws, as a full disk
    // would) fails the whole group transaction; each batch then goes again alone, so the one
    // that fails again is the only one answered 500, and nothing of it is stored.
    app.db.function('disk_fault', () => {
      throw new Error('simulated I/O fault');
    });
    app.db.exec(`CREATE TRIGGER fault_on_demo02 AFTER INSERT ON responses
      WHEN NEW.community_code = 'DEMO02' BEGIN SELECT disk_fault(); END`);
    const healthy = [sampleSurvey({ communityCode: 'DEMO01' }), sampleInterview()];
    const faulty = [
      sampleSurvey({ communityCode: 'DEMO01' }),
      sampleSurvey({ communityCode: 'DEMO02' }),
    ];
    const [first, a, b] = await Promise.all([opener(), sync(healthy), sync(faulty)]);
    expect(statuses(first)).toEqual(['accepted']);
    expect(statuses(a)).toEqual(['accepted', 'accepted']);
    expect(b.statusCode).toBe(500);
    expect(b.json().error).toBe('internal_error');
    expect(stored()).toBe(2);
    expect(app.db.prepare('SELECT count(*) FROM interviews').pluck().get()).toBe(1);

    app.db.exec('DROP TRIGGER fault_on_demo02');
    const [, a2, b2] = await Promise.all([opener(), sync(healthy), sync(faulty)]);
    expect(statuses(a2)).toEqual(['duplicate', 'duplicate']);
    expect(statuses(b2)).toEqual(['accepted', 'accepted']);
    expect(stored()).toBe(5);
  });

  it("lets no canvasser's batch fail because another batch in its group carries a deeply nested item with a stored id", async () => {
    const storedItem = sampleSurvey();
    await sync([storedItem]);
    // Sent as text: the test client would itself overflow its stack serialising such a value.
    const { answers, ...rest } = storedItem;
    const q10 = `${'['.repeat(7500)}"A"${']'.repeat(7500)}`;
    const answersText = JSON.stringify(answers).replace('["I"]', q10);
    const poisonBody = `{"items":[${JSON.stringify(rest).slice(0, -1)},"answers":${answersText}}]}`;
    const healthy = () => sync([sampleSurvey(), sampleInterview()]);
    const [, a, bad, b] = await Promise.all([
      opener(),
      healthy(),
      app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: {
          ...CLIENT_HEADERS,
          cookie: collector.cookie,
          'content-type': 'application/json',
        },
        payload: poisonBody,
      }),
      healthy(),
    ]);
    expect(statuses(a)).toEqual(['accepted', 'accepted']);
    expect(statuses(b)).toEqual(['accepted', 'accepted']);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('validation_failed');
    expect(stored()).toBe(4);
  });

  it('answers a deeply nested item with a stored id as rejected, and the other batches in its group as usual', async () => {
    // Below the HTTP layer's depth check (a caller other than a route, or a check let slip):
    // the item is the sender's problem alone.
    const storedItem = sampleSurvey();
    await sync([storedItem]);
    let deep: unknown = 'A';
    for (let i = 0; i < 7500; i += 1) deep = [deep];
    const poison = { ...storedItem, answers: { ...(storedItem.answers as object), q10: deep } };
    const ctx = {
      receivedAt: new Date().toISOString(),
      userId: collector.userId,
      sessionId: null,
      source: 'sync' as const,
      exportedBy: null,
      communities: 'all' as const,
      kinds: new Set(['survey', 'interview'] as const),
    };
    const log = { warn() {}, error() {} };
    const [, a, bad] = await Promise.all([
      opener(),
      app.ingest([sampleSurvey(), sampleInterview()], ctx, log),
      app.ingest([poison, sampleSurvey()], ctx, log),
    ]);
    expect(a.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(bad.map((r) => r.status)).toEqual(['rejected', 'accepted']);
    expect(bad[0]?.error?.error).toBe('validation_failed');
  });

  it('stores an item sent in two concurrent batches once: the first batch accepts it, the second gets duplicate', async () => {
    const shared = sampleSurvey();
    const [, first, second] = await Promise.all([
      opener(),
      sync([shared, sampleSurvey()]),
      sync([sampleSurvey(), shared]),
    ]);
    expect(statuses(first)).toEqual(['accepted', 'accepted']);
    expect(statuses(second)).toEqual(['accepted', 'duplicate']);
    expect(second.json().results[1].id).toBe(shared.id);
    expect(stored()).toBe(4);
  });

  it('answers a conflict, not an acceptance, when two concurrent batches carry one id with different content', async () => {
    const original = sampleSurvey({ householdAddress: '3号楼101室' });
    const [, first, second] = await Promise.all([
      opener(),
      sync([original]),
      sync([{ ...original, householdAddress: '3号楼102室' }]),
    ]);
    expect(statuses(first)).toEqual(['accepted']);
    expect(statuses(second)).toEqual(['conflict']);
    expect(
      app.db.prepare('SELECT household_key FROM responses WHERE id = ?').pluck().get(original.id),
    ).toBe('3号101室');
  });

  it('stores a batch that reaches an idle server at once, so a fault in a batch right behind it does not fail it', async () => {
    app.db.function('disk_fault', () => {
      throw new Error('simulated I/O fault');
    });
    app.db.exec(`CREATE TRIGGER fault_on_demo02 AFTER INSERT ON responses
      WHEN NEW.community_code = 'DEMO02' BEGIN SELECT disk_fault(); END`);
    const [alone, faulty] = await Promise.all([
      sync([sampleSurvey({ communityCode: 'DEMO01' })]),
      sync([sampleSurvey({ communityCode: 'DEMO02' })]),
    ]);
    expect(statuses(alone)).toEqual(['accepted']);
    expect(faulty.statusCode).toBe(500);
    expect(stored()).toBe(1);
  });
});

describe('ingest: paradata', () => {
  it('stores the first-answer time and answer changes beside the response, and accepts a response without them', async () => {
    const withParadata = sampleSurvey({
      paradata: { startedAt: '2025-11-20T09:52:00+08:00', answerChanges: 3 },
    });
    const without = sampleSurvey();
    expect(statuses(await sync([withParadata, without]))).toEqual(['accepted', 'accepted']);
    const row = (id: unknown) =>
      app.db
        .prepare(
          'SELECT started_at AS startedAt, answer_changes AS changes FROM responses WHERE id = ?',
        )
        .get(id);
    expect(row(withParadata.id)).toEqual({ startedAt: '2025-11-20T09:52:00+08:00', changes: 3 });
    expect(row(without.id)).toEqual({ startedAt: null, changes: null });
  });

  it('answers a resend with other paradata as a conflict: paradata is part of the item', async () => {
    const item = sampleSurvey({
      paradata: { startedAt: '2025-11-20T09:52:00+08:00', answerChanges: 0 },
    });
    await sync([item]);
    const changed = {
      ...item,
      paradata: { startedAt: '2025-11-20T09:52:00+08:00', answerChanges: 1 },
    };
    expect(statuses(await sync([changed]))).toEqual(['conflict']);
  });
});
