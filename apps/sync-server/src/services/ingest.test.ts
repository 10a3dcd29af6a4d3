import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  CLIENT_HEADERS,
  type LoggedIn,
  loginAs,
  sampleInterview,
  sampleSurvey,
} from '../testing.ts';

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
  it('answers 500 to every batch of a transaction that fails and stores none of them; each retry then stores', async () => {
    // A fault that is not about an item (a function the write calls throws, as a full disk
    // would) fails the whole transaction; the batch sharing it must not be acked either.
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
    expect(a.statusCode).toBe(500);
    expect(b.statusCode).toBe(500);
    expect(a.json().error).toBe('internal_error');
    expect(stored()).toBe(1);
    expect(app.db.prepare('SELECT count(*) FROM interviews').pluck().get()).toBe(0);

    app.db.exec('DROP TRIGGER fault_on_demo02');
    const [, a2, b2] = await Promise.all([opener(), sync(healthy), sync(faulty)]);
    expect(statuses(a2)).toEqual(['accepted', 'accepted']);
    expect(statuses(b2)).toEqual(['accepted', 'accepted']);
    expect(stored()).toBe(5);
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
