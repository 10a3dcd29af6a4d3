// @vitest-environment node
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { OutboxDatabase } from './db.ts';
import { freshDb, interviewItem, surveyItem } from './outbox.test-kit.ts';
import { applyOutcomes, claimBatch, type ItemOutcome, payloadBytes } from './store.ts';
import { unsentSummary } from './summary.ts';
import { newDraft, transition } from './transitions.ts';
import type { OutboxItem } from './types.ts';

// Random outboxes: items in every state, two collectors, claims by this engine ('me') and by
// another ('other') with leases running or ended, and times that collide.
type Shape = 'draft' | 'queued' | 'mine' | 'theirs' | 'theirsExpired' | 'synced' | 'rejected';
const NOW = 1_000;
const reason = { status: 'rejected', error: 'invalid', message: '门牌不完整' } as const;

const itemArb = fc.record({
  shape: fc.constantFrom<Shape>(
    'draft',
    'queued',
    'mine',
    'theirs',
    'theirsExpired',
    'synced',
    'rejected',
  ),
  queuedAt: fc.integer({ min: 0, max: 20 }),
  collector: fc.constantFrom('li', 'wang'),
  interview: fc.boolean(),
});

type ItemSpec = typeof itemArb extends fc.Arbitrary<infer T> ? T : never;

function build(index: number, spec: ItemSpec): OutboxItem {
  const payload = spec.interview
    ? interviewItem({ id: `sync-${index}` })
    : surveyItem({ id: `sync-${index}` }, 100 + index);
  const draft = newDraft(
    {
      id: `item-${String(index).padStart(3, '0')}`,
      kind: payload.kind,
      communityCode: 'DEMO01',
      form: { index },
      collectedBy: spec.collector,
    },
    0,
  );
  if (spec.shape === 'draft') return draft;
  const queued = transition(draft, { type: 'submit', form: { index }, payload, at: spec.queuedAt });
  const claim = (engineId: string, leaseUntil: number) =>
    transition(queued, { type: 'claim', engineId, leaseUntil, at: spec.queuedAt });
  switch (spec.shape) {
    case 'queued':
      return queued;
    case 'mine':
      return claim('me', NOW + 90_000);
    case 'theirs':
      return claim('other', NOW + 90_000);
    case 'theirsExpired':
      return claim('other', NOW - 1);
    case 'synced':
      return transition(queued, { type: 'accept', at: spec.queuedAt });
    default: // 'rejected'
      return transition(claim('me', NOW), {
        type: 'reject',
        engineId: 'me',
        reason,
        at: spec.queuedAt,
      });
  }
}

async function filled(items: OutboxItem[]): Promise<OutboxDatabase> {
  const db = freshDb();
  await db.items.bulkAdd(items);
  return db;
}

const outcomeArb = fc.constantFrom<ItemOutcome>(
  { kind: 'synced' },
  { kind: 'rejected', reason },
  { kind: 'retry' },
);

test("a batch's outcomes written in one transaction leave the outbox as writing them one by one does", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(itemArb, { minLength: 1, maxLength: 15 }),
      fc.array(fc.tuple(fc.nat({ max: 16 }), outcomeArb), { maxLength: 20 }),
      async (specs, answers) => {
        const items = specs.map((spec, i) => build(i, spec));
        // Ids past the end name items the outbox no longer holds (discarded, purged).
        const outcomes = new Map(
          answers.map(([i, outcome]) => [`item-${String(i).padStart(3, '0')}`, outcome]),
        );
        const bulk = await filled(items);
        const oneByOne = await filled(items);
        await applyOutcomes(bulk, 'me', outcomes, NOW);
        for (const entry of outcomes) await applyOutcomes(oneByOne, 'me', new Map([entry]), NOW);
        expect(await bulk.items.orderBy('id').toArray()).toEqual(
          await oneByOne.items.orderBy('id').toArray(),
        );
        bulk.close();
        oneByOne.close();
      },
    ),
    { numRuns: 60 },
  );
});

/** The claim as it was before the indexes: every queued and sending row read, filtered, sorted. */
function claimByScan(
  items: OutboxItem[],
  options: { collector?: string; exclude: Set<string>; takeOver: boolean; maxBytes: number },
  limit: number,
): string[] {
  const candidates = items
    .filter(
      (item) =>
        (item.state === 'queued' ||
          (item.state === 'sending' && (options.takeOver || item.leaseUntil <= NOW))) &&
        (options.collector === undefined || item.collectedBy === options.collector) &&
        !options.exclude.has(item.id),
    )
    // Ties as the old scan left them: by state (queued first), then by id.
    .sort((a, b) => a.state.localeCompare(b.state) || a.id.localeCompare(b.id))
    .sort((a, b) => (a.queuedAt ?? 0) - (b.queuedAt ?? 0));
  const taken: string[] = [];
  let bytes = 0;
  for (const item of candidates) {
    if (taken.length >= limit) break;
    const size = payloadBytes(item.payload);
    if (taken.length > 0 && bytes + size > options.maxBytes) break;
    bytes += size;
    taken.push(item.id);
  }
  return taken;
}

test('a claim through the indexes takes the same items, in the same order, as reading every row did', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(itemArb, { minLength: 0, maxLength: 20 }),
      fc.record({
        limit: fc.integer({ min: 1, max: 8 }),
        collector: fc.option(fc.constantFrom('li', 'wang'), { nil: undefined }),
        takeOver: fc.boolean(),
        excludeEvery: fc.integer({ min: 2, max: 7 }),
        maxBytes: fc.constantFrom(Number.POSITIVE_INFINITY, 1_500, 600),
      }),
      async (specs, { limit, collector, takeOver, excludeEvery, maxBytes }) => {
        const items = specs.map((spec, i) => build(i, spec));
        const exclude = new Set(items.filter((_, i) => i % excludeEvery === 1).map((i) => i.id));
        const db = await filled(items);
        const claimed = await claimBatch(db, 'me', NOW, 60_000, limit, {
          ...(collector ? { collector } : {}),
          exclude,
          takeOverClaims: takeOver,
          maxBytes,
        });
        expect(claimed.map((item) => item.id)).toEqual(
          claimByScan(
            items,
            { ...(collector ? { collector } : {}), exclude, takeOver, maxBytes },
            limit,
          ),
        );
        for (const item of claimed) {
          expect(await db.items.get(item.id)).toEqual(item);
          expect(item).toMatchObject({
            state: 'sending',
            claimedBy: 'me',
            leaseUntil: NOW + 60_000,
          });
        }
        db.close();
      },
    ),
    { numRuns: 80 },
  );
});

test('under the Web Lock, a claim kept in memory and its outcomes leave the outbox as a written claim and the same outcomes do', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(itemArb, { minLength: 0, maxLength: 15 }),
      fc.integer({ min: 1, max: 8 }),
      fc.option(fc.constantFrom('li', 'wang'), { nil: undefined }),
      fc.array(fc.option(outcomeArb, { nil: undefined }), { maxLength: 8 }),
      async (specs, limit, collector, answers) => {
        const items = specs.map((spec, i) => build(i, spec));
        const written = await filled(items);
        const inMemory = await filled(items);
        const options = { ...(collector ? { collector } : {}), takeOverClaims: true };
        const claimed = await claimBatch(written, 'me', NOW, 60_000, limit, options);
        const held = await claimBatch(inMemory, 'me', NOW, 60_000, limit, {
          ...options,
          inMemory: true,
        });
        // The same batch, as the server will see it; nothing written for it yet.
        expect(held).toEqual(claimed);
        expect(await inMemory.items.orderBy('id').toArray()).toEqual(
          [...items].sort((a, b) => a.id.localeCompare(b.id)),
        );
        // Whatever the server answers for any of them (an item without an answer is left out).
        const outcomes = new Map(
          claimed.flatMap((item, i) => {
            const outcome = answers[i];
            return outcome ? [[item.id, outcome] as const] : [];
          }),
        );
        await applyOutcomes(written, 'me', outcomes, NOW + 5);
        await applyOutcomes(inMemory, 'me', outcomes, NOW + 5, true);
        const unanswered = new Set(
          claimed.map((item) => item.id).filter((id) => !outcomes.has(id)),
        );
        const answered = async (db: OutboxDatabase) =>
          (await db.items.orderBy('id').toArray()).filter((item) => !unanswered.has(item.id));
        expect(await answered(inMemory)).toEqual(await answered(written));
        written.close();
        inMemory.close();
      },
    ),
    { numRuns: 80 },
  );
});

test("the header's unsent figures from the indexes equal a recount of every row", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(itemArb, { maxLength: 20 }),
      fc.option(fc.constantFrom('li', 'wang', 'zhou'), { nil: null }),
      async (specs, collector) => {
        const items = specs.map((spec, i) => build(i, spec));
        const db = await filled(items);
        const unsent = items.filter(
          (item) =>
            (item.state === 'queued' || item.state === 'sending' || item.state === 'rejected') &&
            (collector === null || item.collectedBy === collector),
        );
        const times = unsent.map((item) => item.queuedAt ?? item.createdAt);
        expect(await unsentSummary(db, collector)).toEqual({
          unsent: unsent.length,
          rejected: unsent.filter((item) => item.state === 'rejected').length,
          oldestQueuedAt: times.length > 0 ? Math.min(...times) : null,
        });
        db.close();
      },
    ),
    { numRuns: 60 },
  );
});
