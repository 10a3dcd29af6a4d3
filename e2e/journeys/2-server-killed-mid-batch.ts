import { expect } from 'vitest';
import { shot } from '../harness/browser.ts';
import { unsentCount, waitForUnsent } from '../harness/phone.ts';
import { coverageOf, type Stage } from '../harness/stage.ts';
import { phoneWithUnsent } from '../harness/unsent-phone.ts';
import { waitFor } from '../harness/wait.ts';

/** Journey 2: the server is killed while a batch of 50 is on its way; it ends with exactly 50 rows. */
export async function serverKilledMidBatch(stage: Stage): Promise<void> {
  const { server } = stage;
  const { context, page: currentPage } = await phoneWithUnsent(stage, {
    username: 'canvasser02',
    community: 'DEMO02',
    building: '100',
    unsent: 50,
  });

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
  await context.close();
}
