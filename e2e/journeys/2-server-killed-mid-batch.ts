import { expect } from 'vitest';
import { launchPhone, shot } from '../harness/browser.ts';
import { fillQueue } from '../harness/outbox.ts';
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
import { coverageOf, type Stage } from '../harness/stage.ts';
import { waitFor } from '../harness/wait.ts';

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
  await context.close();
}
