import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { shot } from '../harness/browser.ts';
import { waitForUnsent } from '../harness/phone.ts';
import { coverageOf, type Stage } from '../harness/stage.ts';
import { phoneWithUnsent } from '../harness/unsent-phone.ts';
import { waitFor } from '../harness/wait.ts';

/**
 * Journey 7: two tabs of the app on one phone; the tab that holds the sync lock dies in the
 * middle of an upload (its renderer crashes: no pagehide, its claims left behind). The other
 * tab, which lost the race for the lock, sends all 20 records within seconds, not after the
 * 90 s claim runs out.
 */
export async function lockHolderDies(stage: Stage): Promise<void> {
  const { server } = stage;
  const { context, page: first } = await phoneWithUnsent(stage, {
    username: 'canvasser07',
    community: 'DEMO07',
    building: '70',
    unsent: 20,
  });
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
