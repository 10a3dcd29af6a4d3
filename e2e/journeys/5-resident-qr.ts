import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowser, PHONE, shot } from '../harness/browser.ts';
import { TYPICAL_ANSWERS, tapAnswers } from '../harness/phone.ts';
import { coverageOf, type Stage } from '../harness/stage.ts';

async function answerAsResident(page: Page, building: string, room: string): Promise<void> {
  await page.getByLabel('楼号').fill(building);
  await page.getByLabel('室号').fill(room);
  await tapAnswers(page, TYPICAL_ANSWERS);
  await page.getByRole('button', { name: '提交问卷' }).tap();
  await page.getByRole('heading', { name: '感谢您的参与！' }).waitFor();
}

/**
 * Journey 5: a resident opens the notice board's QR link in a browser without service workers
 * (as in WeChat), answers and submits; the household counts; answering again is a repeat.
 */
export async function residentQr(stage: Stage): Promise<void> {
  const { server, admin } = stage;
  const { token } = await admin.request<{ token: string }>(
    'POST',
    '/api/communities/DEMO05/qr-token',
  );
  const before = await coverageOf(stage, 'DEMO05');

  const browser = await launchBrowser();
  const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${server.url}/r/${token}`);
  await page.getByLabel('楼号').waitFor();
  await shot(page, 'journey5-resident-form');
  await answerAsResident(page, '5', '201');
  await shot(page, 'journey5-thanks');
  // The resident's phone got no service worker: the collectors' app was never installed on it.
  expect(
    await page.evaluate(
      async () => (await navigator.serviceWorker?.getRegistrations())?.length ?? 0,
    ),
  ).toBe(0);

  const afterFirst = await coverageOf(stage, 'DEMO05');
  expect(afterFirst?.surveyedHouseholds).toBe((before?.surveyedHouseholds ?? 0) + 1);

  // The same household answers again (another family member): kept, flagged, counted once.
  await page.getByRole('button', { name: '为另一户填写' }).tap();
  await answerAsResident(page, '5', '201');
  // Thanked exactly as the first time: the page does not tell anyone the address had answered.
  await page.getByRole('heading', { name: '感谢您的参与！' }).waitFor();
  expect(await page.getByText('之前已经提交过').count()).toBe(0);
  await shot(page, 'journey5-repeat');
  const afterRepeat = await coverageOf(stage, 'DEMO05');
  expect(afterRepeat?.surveyedHouseholds).toBe(afterFirst?.surveyedHouseholds);
  expect(afterRepeat?.responses).toBe((afterFirst?.responses ?? 0) + 1);
  expect(afterRepeat?.repeats).toBe((afterFirst?.repeats ?? 0) + 1);
  await browser.close();
}
