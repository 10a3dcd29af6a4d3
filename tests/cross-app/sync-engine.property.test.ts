// @vitest-environment node
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  freshDb,
  interviewItem,
  queueItems,
  surveyItem,
} from '../../apps/pwa/src/outbox/outbox.test-kit.ts';
import { type Fault, memoryLocks, type SyncFixture, startSyncFixture } from './sync.test-kit.ts';

let fixture: SyncFixture;
beforeAll(async () => {
  fixture = await startSyncFixture();
});
afterAll(async () => {
  await fixture.close();
});

const FAULTS: ReadonlyArray<Fault | undefined> = [
  undefined,
  'offline',
  'status500',
  'dropAfterServer',
  'captivePortal',
];

// Without Web Locks every tab claims in IndexedDB; with them the tab holding the lock keeps its
// claims in memory (store.ts, ClaimOptions.inMemory). Both must keep every guarantee.
test.each([
  ['claims written to IndexedDB (no Web Locks)', false],
  ['claims kept in memory under the Web Lock', true],
])(
  'whatever the network does, every submitted item ends on the server exactly once and is never dropped from the phone before: %s',
  async (_, withLocks) => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.constantFrom(...FAULTS), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        async (itemCount, faults, batchSize, engines) => {
          const db = freshDb();
          const payloads = Array.from({ length: itemCount }, (_, i) =>
            i % 3 === 0 ? interviewItem() : surveyItem(),
          );
          const ids = await queueItems(db, payloads);
          const locks = withLocks ? memoryLocks().locks : null;
          const tabs = Array.from({ length: engines }, (_, i) =>
            fixture.engine(db, { batchSize, engineId: `tab-${i}`, locks }),
          );

          // A stretch of bad network: each request meets the next fault in the list.
          let request = 0;
          fixture.fault = () => faults[request++ % faults.length];
          for (let round = 0; round < 3; round++) {
            await Promise.all(tabs.map((tab) => tab.syncNow()));
            // Nothing submitted ever leaves the phone before it is synced.
            expect(await db.items.count()).toBe(itemCount);
          }

          // The network comes back.
          fixture.fault = () => undefined;
          await Promise.all(tabs.map((tab) => tab.syncNow()));
          const items = await db.items.bulkGet(ids);
          expect(items.map((item) => item?.state)).toEqual(ids.map(() => 'synced'));
          for (const payload of payloads) expect(await fixture.serverRows(payload.id)).toBe(1);
          db.close();
        },
      ),
      { numRuns: 25 },
    );
  },
);
