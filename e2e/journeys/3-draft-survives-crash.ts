import { expect } from 'vitest';
import { launchPhone, shot } from '../harness/browser.ts';
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

const { q1, q2, q3, ...rest } = TYPICAL_ANSWERS;

/** Journey 3: a half-filled survey is offered again after the page dies, and completes. */
export async function draftSurvivesCrash(stage: Stage): Promise<void> {
  const { server, admin } = stage;
  const password = await admin.createStaff('canvasser03', 'canvasser', ['DEMO03']);
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await signIn(page, 'canvasser03', password);
  await waitUntilInstalled(page);

  await openNewSurvey(page);
  await fillAddress(page, { building: '7', unit: '2', room: '502', answers: {} }, 'DEMO03');
  await tapAnswers(page, { q1, q2, q3 } as typeof TYPICAL_ANSWERS);
  // The autosave lands in IndexedDB; then the page dies without a chance to save anything more.
  await waitFor(
    () =>
      page.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const open = indexedDB.open('jiuting-outbox');
            open.onsuccess = () => {
              const request = open.result.transaction('items').objectStore('items').getAll();
              request.onsuccess = () => {
                open.result.close();
                resolve(
                  request.result.some(
                    (item) =>
                      item.state === 'draft' &&
                      JSON.stringify(item.form ?? {}).includes('"q3":"A"'),
                  ),
                );
              };
            };
            open.onerror = () => resolve(false);
          }),
      ),
    { what: 'the draft to reach IndexedDB' },
  );
  await page.close({ runBeforeUnload: false });

  const reopened = await context.newPage();
  await reopened.goto(server.url);
  await reopened.getByText('未完成的草稿（1）').waitFor();
  await shot(reopened, 'journey3-draft-offered');
  await reopened.getByRole('link', { name: '继续' }).tap();
  await expect.poll(() => reopened.getByLabel('楼号').inputValue()).toBe('7');
  expect(await reopened.getByLabel('单元').inputValue()).toBe('2');
  expect(await reopened.getByLabel('室号').inputValue()).toBe('502');
  expect(await reopened.locator('fieldset[data-question="q3"] input[value="A"]').isChecked()).toBe(
    true,
  );

  await tapAnswers(reopened, rest);
  await submitSurvey(reopened);
  await waitForUnsent(reopened, 0, 60_000);
  // The header may still read the 0 from before the item was queued: wait for the server's count.
  await waitFor(async () => (await coverageOf(stage, 'DEMO03'))?.surveyedHouseholds === 1, {
    what: 'DEMO03 to count the household',
  });
  expect((await coverageOf(stage, 'DEMO03'))?.surveyedHouseholds).toBe(1);
  await context.close();
}
