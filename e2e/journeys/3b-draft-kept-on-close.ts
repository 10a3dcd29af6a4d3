import { expect } from 'vitest';
import { BROWSER_FLOORS } from '../../apps/pwa/build/browser-floors.ts';
import { launchPhone, shot } from '../harness/browser.ts';
import { apisNewerThan, withoutApis } from '../harness/older-browser.ts';
import {
  fillAddress,
  openNewSurvey,
  signIn,
  submitSurvey,
  TYPICAL_ANSWERS,
  tapAnswers,
  tapOption,
  waitForUnsent,
} from '../harness/phone.ts';
import { coverageOf, type Stage } from '../harness/stage.ts';

/**
 * Journey 3b: a canvasser fills the address and three answers as fast as a thumb goes and closes
 * the page the moment the last answer is tapped, on a phone as old as the app's floor (Chrome 87:
 * no structuredClone). The draft holds every one of them, the last tap included; finished and
 * submitted on that phone, it reaches the server.
 */
export async function draftKeptOnClose(stage: Stage): Promise<void> {
  const { server, admin } = stage;
  const password = await admin.createStaff('canvasser3b', 'canvasser', ['DEMO03']);
  const { context } = await launchPhone();
  await withoutApis(context, apisNewerThan(BROWSER_FLOORS.main.chrome));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await signIn(page, 'canvasser3b', password);
  expect(await page.evaluate(() => typeof structuredClone)).toBe('undefined');

  await openNewSurvey(page);
  const started = Date.now();
  await fillAddress(page, { building: '9', unit: '1', room: '702', answers: {} }, 'DEMO03');
  await tapOption(page, 'q1', 'B');
  await tapOption(page, 'q2', 'D');
  await tapOption(page, 'q3', 'A');
  const filledInMs = Date.now() - started;
  // No pause, no chance to save anything more: the page is gone right after the last tap.
  await page.close({ runBeforeUnload: false });

  const reopened = await context.newPage();
  await reopened.goto(server.url);
  await reopened.getByText('未完成的草稿（1）').waitFor();
  await reopened.getByRole('link', { name: '继续' }).tap();
  await expect.poll(() => reopened.getByLabel('楼号').inputValue()).toBe('9');
  expect(await reopened.getByLabel('单元').inputValue()).toBe('1');
  expect(await reopened.getByLabel('室号').inputValue()).toBe('702');
  const checked = (question: string, letter: string) =>
    reopened.locator(`fieldset[data-question="${question}"] input[value="${letter}"]`).isChecked();
  expect([await checked('q1', 'B'), await checked('q2', 'D'), await checked('q3', 'A')]).toEqual([
    true,
    true,
    true,
  ]);
  await shot(reopened, 'journey3b-draft-after-close');

  // Finished on the same old phone: submitted, sent by the outbox, counted once.
  const pageErrors: string[] = [];
  reopened.on('pageerror', (error) => pageErrors.push(error.message));
  const { q1: _q1, q2: _q2, q3: _q3, ...rest } = TYPICAL_ANSWERS;
  await tapAnswers(reopened, rest);
  await submitSurvey(reopened);
  await reopened.goto(server.url);
  await waitForUnsent(reopened, 0, 30_000);
  expect(pageErrors).toEqual([]);
  expect((await coverageOf(stage, 'DEMO03'))?.responses).toBe(1);
  console.log(`journey 3b: address and three answers in ${filledInMs} ms, then closed at once`);
  await context.close();
}
