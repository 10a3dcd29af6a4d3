import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchPhone, shot } from '../harness/browser.ts';
import {
  fillAddress,
  openNewSurvey,
  signIn,
  submitSurvey,
  TYPICAL_ANSWERS,
  tapAnswers,
  unsentCount,
  waitForUnsent,
  waitUntilInstalled,
} from '../harness/phone.ts';
import { coverageOf, record, type Stage } from '../harness/stage.ts';
import { waitFor } from '../harness/wait.ts';

/**
 * Copies the one queued survey in the phone's outbox into `copies` more, each its own household,
 * the way a day of door-to-door work fills the queue without a signal.
 */
export async function fillQueue(page: Page, copies: number): Promise<void> {
  await page.evaluate(async (count) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('jiuting-outbox');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('items', 'readwrite');
    const items = tx.objectStore('items');
    const all = await new Promise<Array<Record<string, unknown>>>((resolve) => {
      const request = items.getAll();
      request.onsuccess = () => resolve(request.result);
    });
    const queued = all.find((item) => item.state === 'queued');
    if (!queued) throw new Error('no queued survey to copy');
    for (let n = 1; n <= count; n += 1) {
      const id = crypto.randomUUID();
      const payload = queued.payload as Record<string, unknown>;
      items.put({
        ...queued,
        id,
        queuedAt: (queued.queuedAt as number) + n,
        payload: { ...payload, id, householdAddress: `${n + 100}号101室` },
      });
    }
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    db.close();
  }, copies);
}

/** Journey 2: the server is killed while a batch of 50 is on its way; it ends with exactly 50 rows. */
export async function serverKilledMidBatch(stage: Stage): Promise<void> {
  const { server, admin } = stage;
  const password = await admin.createStaff('canvasser02', 'canvasser', ['DEMO02']);
  const { context } = await launchPhone();
  const currentPage = context.pages()[0] ?? (await context.newPage());
  await currentPage.goto(server.url);
  await signIn(currentPage, 'canvasser02', password);
  await waitUntilInstalled(currentPage);

  await context.setOffline(true);
  await openNewSurvey(currentPage);
  await fillAddress(currentPage, { building: '100', room: '101', answers: {} }, 'DEMO02');
  await tapAnswers(currentPage, TYPICAL_ANSWERS);
  await submitSurvey(currentPage);
  await fillQueue(currentPage, 49);
  await currentPage.reload();
  await waitForUnsent(currentPage, 50, 10_000);

  // The moment the batch leaves the phone, the server dies (no graceful shutdown).
  let killed: Promise<void> | undefined;
  currentPage.on('request', (request) => {
    if (!killed && request.method() === 'POST' && request.url().endsWith('/api/sync')) {
      killed = server.kill();
    }
  });
  await context.setOffline(false);
  await waitFor(() => killed !== undefined, { what: 'the batch to be sent' });
  await killed;
  expect(await unsentCount(currentPage)).toBeGreaterThan(0);

  await server.restart();
  await waitForUnsent(currentPage, 0, 120_000);
  await shot(currentPage, 'journey2-all-sent');

  const demo02 = await coverageOf(stage, 'DEMO02');
  expect(demo02?.responses).toBe(50);
  expect(demo02?.surveyedHouseholds).toBe(50);
  record(stage, 'DEMO02', { households: 50, responses: 50 });
  await context.close();
}
