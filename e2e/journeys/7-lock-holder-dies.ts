import type { Page } from 'playwright-core';
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
  waitForUnsent,
  waitUntilInstalled,
} from '../harness/phone.ts';
import { coverageOf, type Stage } from '../harness/stage.ts';
import { waitFor } from '../harness/wait.ts';

/**
 * Journey 7: two tabs of the app on one phone; the tab that holds the sync lock dies in the
 * middle of an upload (its renderer crashes: no pagehide, its claims left behind). The other
 * tab, which lost the race for the lock, sends all 20 records within seconds, not after the
 * 90 s claim runs out.
 */
export async function lockHolderDies(stage: Stage): Promise<void> {
  const { server, admin } = stage;
  const password = await admin.createStaff('canvasser07', 'canvasser', ['DEMO07']);
  const { context } = await launchPhone();
  const first = context.pages()[0] ?? (await context.newPage());
  await first.goto(server.url);
  await signIn(first, 'canvasser07', password);
  await waitUntilInstalled(first);

  await context.setOffline(true);
  await openNewSurvey(first);
  await fillAddress(first, { building: '70', room: '101', answers: {} }, 'DEMO07');
  await tapAnswers(first, TYPICAL_ANSWERS);
  await submitSurvey(first);
  await fillQueue(first, 19);
  await first.reload();
  await waitForUnsent(first, 20, 10_000);
  const second = await context.newPage();
  await second.goto(server.url);
  await waitForUnsent(second, 20, 10_000);

  // The first upload never gets its answer: the tab that sent it holds the lock, waiting.
  let holder: Page | undefined;
  await context.route('**/api/sync', async (route) => {
    if (holder === undefined) {
      holder = route.request().frame().page();
      return;
    }
    await route.continue();
  });
  await context.setOffline(false);
  await waitFor(() => holder !== undefined, { what: 'the first upload to leave the phone' });
  const survivor = holder === first ? second : first;
  // Both tabs heard `online`; the survivor asked for the lock too and is waiting for it.
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  const cdp = await context.newCDPSession(holder as Page);
  const diedAt = Date.now();
  // The crashed renderer never answers the command.
  void cdp.send('Page.crash').catch(() => {});
  await waitForUnsent(survivor, 0, 15_000);
  const took = Date.now() - diedAt;
  await shot(survivor, 'journey7-survivor-sent-all');
  expect(took).toBeLessThan(10_000);

  const demo07 = await coverageOf(stage, 'DEMO07');
  expect(demo07?.responses).toBe(20);
  expect(demo07?.surveyedHouseholds).toBe(20);
  await context.close();
}
