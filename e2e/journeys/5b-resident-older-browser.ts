import type { Response } from 'playwright-core';
import { expect } from 'vitest';
import { BROWSER_FLOORS } from '../../apps/pwa/build/browser-floors.ts';
import { launchBrowser, PHONE, shot } from '../harness/browser.ts';
import { apisNewerThan, withoutApis } from '../harness/older-browser.ts';
import { TYPICAL_ANSWERS, tapAnswers } from '../harness/phone.ts';
import { coverageOf, type Stage } from '../harness/stage.ts';

/**
 * Journey 5b: the residents' page on a browser as old as its floor (Chrome 80): everything newer
 * is deleted before the page runs. It opens, counts 已答 x/11, answers an incomplete submit with
 * one message, and submits; no script error and no missing file (the favicon included).
 */
export async function residentOnOlderBrowser(stage: Stage): Promise<void> {
  const { server, admin } = stage;
  const { token } = await admin.request<{ token: string }>(
    'POST',
    '/api/communities/DEMO04/qr-token',
  );
  const before = await coverageOf(stage, 'DEMO04');

  const browser = await launchBrowser();
  const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
  const missing = apisNewerThan(BROWSER_FLOORS.resident.chrome);
  await withoutApis(context, missing);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const notFound: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('response', (response: Response) => {
    if (response.status() === 404) notFound.push(response.url());
  });

  await page.goto(`${server.url}/r/${token}`);
  await page.getByLabel('楼号').waitFor();
  // The deletions took: this really is a page without them.
  expect(await page.evaluate(() => typeof structuredClone)).toBe('undefined');
  expect(await page.evaluate(() => typeof Object.hasOwn)).toBe('undefined');
  expect(await page.evaluate(() => typeof crypto.randomUUID)).toBe('undefined');

  const answered = page.getByTestId('answered');
  expect((await answered.textContent())?.trim()).toBe('已答 0/11');
  const { q1, q2, q3, ...rest } = TYPICAL_ANSWERS;
  await tapAnswers(page, { q1, q2, q3 } as typeof TYPICAL_ANSWERS);
  expect((await answered.textContent())?.trim()).toBe('已答 3/11');
  // Scrolled down to question 9, the count is still in view.
  await page.locator('fieldset[data-question="q9"]').scrollIntoViewIfNeeded();
  expect(await answered.isVisible()).toBe(true);
  const box = await answered.boundingBox();
  expect(box?.y).toBeLessThan(5);
  await shot(page, 'journey5b-answered-bar');

  await page.getByRole('button', { name: '提交问卷' }).tap();
  const alerts = page.getByRole('alert');
  await alerts.first().waitFor();
  expect(await alerts.allTextContents()).toEqual([
    '还有 9 处需要填写或修改：门牌地址，第4、5、6、7、8、9、10、11题。请看标红的地方。',
  ]);
  await shot(page, 'journey5b-incomplete');

  await page.getByLabel('楼号').fill('8');
  await page.getByLabel('室号').fill('602');
  await tapAnswers(page, rest);
  await page.getByRole('textbox', { name: /^12、/ }).fill('希望多开展老年人活动');
  await page.getByRole('button', { name: '提交问卷' }).tap();
  await page.getByRole('heading', { name: '感谢您的参与！' }).waitFor();
  await shot(page, 'journey5b-thanks');

  expect(pageErrors).toEqual([]);
  expect(notFound).toEqual([]);
  // WeChat's and other in-app browsers ask for /favicon.ico whatever the page links.
  const favicon = await page.request.get(`${server.url}/favicon.ico`);
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toMatch(/^image\//);
  const after = await coverageOf(stage, 'DEMO04');
  expect(after?.surveyedHouseholds).toBe((before?.surveyedHouseholds ?? 0) + 1);
  await browser.close();
}
