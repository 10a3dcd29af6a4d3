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
import { coverageOf, type Stage } from '../harness/stage.ts';
import { waitFor } from '../harness/wait.ts';

/** Journey 1: installed online, filled offline, closed and reopened offline, synced without a tap. */
export async function canvasserOffline(stage: Stage): Promise<void> {
  const { server, admin } = stage;
  const surveyed = async (code: string) =>
    (await coverageOf(stage, code))?.surveyedHouseholds ?? -1;
  const password = await admin.createStaff('canvasser01', 'canvasser', ['DEMO01']);
  const before = await surveyed('DEMO01');

  const first = await launchPhone();
  const page = first.context.pages()[0] ?? (await first.context.newPage());
  await page.goto(server.url);
  await signIn(page, 'canvasser01', password);
  await waitUntilInstalled(page);

  // The stairwell: no signal. The installed app still opens, signed in.
  await first.context.setOffline(true);
  await page.reload();
  await page.getByRole('link', { name: '填写满意度问卷' }).waitFor();

  await openNewSurvey(page);
  await fillAddress(page, { building: '12', room: '301', answers: {} }, 'DEMO01');
  await expect.poll(() => page.getByTestId('household-key').textContent()).toBe('12号301室');
  await tapAnswers(page, TYPICAL_ANSWERS);
  await shot(page, 'journey1-survey-filled-offline');
  await submitSurvey(page);
  await waitForUnsent(page, 1, 10_000);
  await shot(page, 'journey1-saved-offline');

  // The phone is put away: the browser closes and reopens, still without signal.
  await first.context.close();
  const second = await launchPhone(first.userDataDir, { offline: true });
  const again = second.context.pages()[0] ?? (await second.context.newPage());
  await again.goto(server.url);
  await again.getByTestId('unsent-count').waitFor();
  expect(await unsentCount(again)).toBe(1);
  expect(await surveyed('DEMO01')).toBe(before);

  // Signal returns: nobody taps anything, and the queue empties.
  await second.context.setOffline(false);
  await waitForUnsent(again, 0, 90_000);
  await shot(again, 'journey1-synced');
  await waitFor(async () => (await surveyed('DEMO01')) === before + 1, {
    what: 'the coverage to count the new household',
  });
  await second.context.close();
}
