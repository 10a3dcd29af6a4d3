import type { BrowserContext, Page } from 'playwright-core';
import { launchPhone } from './browser.ts';
import { fillQueue } from './outbox.ts';
import {
  fillAddress,
  openNewSurvey,
  signIn,
  submitSurvey,
  TYPICAL_ANSWERS,
  tapAnswers,
  waitForUnsent,
  waitUntilInstalled,
} from './phone.ts';
import type { Stage } from './stage.ts';

export interface UnsentPhone {
  readonly context: BrowserContext;
  /** The tab that filled the queue; the phone is still offline. */
  readonly page: Page;
}

/**
 * The start of the journeys that break something mid-upload (2: the server dies, 7: the tab
 * holding the sync lock dies): a canvasser of `community` signs in on a new phone, the app is
 * installed, the signal goes, and `unsent` surveys of different households wait in the queue
 * (one typed, the rest copies of it). The phone stays offline: the journey decides when the
 * batch leaves, and what breaks then.
 */
export async function phoneWithUnsent(
  stage: Stage,
  who: { username: string; community: string; building: string; unsent: number },
): Promise<UnsentPhone> {
  const { server, admin } = stage;
  const password = await admin.createStaff(who.username, 'canvasser', [who.community]);
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await signIn(page, who.username, password);
  await waitUntilInstalled(page);

  await context.setOffline(true);
  await openNewSurvey(page);
  await fillAddress(page, { building: who.building, room: '101', answers: {} }, who.community);
  await tapAnswers(page, TYPICAL_ANSWERS);
  await submitSurvey(page);
  await fillQueue(page, who.unsent - 1);
  await page.reload();
  await waitForUnsent(page, who.unsent, 10_000);
  return { context, page };
}
