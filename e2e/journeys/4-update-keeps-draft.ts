import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { launchPhone, shot } from '../harness/browser.ts';
import {
  fillAddress,
  openNewSurvey,
  signIn,
  TYPICAL_ANSWERS,
  tapAnswers,
  waitUntilInstalled,
} from '../harness/phone.ts';
import type { Stage } from '../harness/stage.ts';

const { q1, q2, q3, q4 } = TYPICAL_ANSWERS;

/** Journey 4: a new version deployed under a half-filled form waits for consent; the draft is intact. */
export async function updateKeepsDraft(stage: Stage): Promise<void> {
  const { server, admin, deployDir: deployed } = stage;
  const password = await admin.createStaff('canvasser04', 'canvasser', ['DEMO04']);
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await signIn(page, 'canvasser04', password);
  await waitUntilInstalled(page);

  await openNewSurvey(page);
  await fillAddress(page, { building: '3', room: '1101', answers: {} }, 'DEMO04');
  await tapAnswers(page, { q1, q2, q3, q4 } as typeof TYPICAL_ANSWERS);
  const formUrl = page.url();

  // A new build goes live: its service worker differs from the installed one. A build writes
  // sw.js with its .br and .gz beside it, and the server sends those to browsers that take them.
  const sw = join(deployed, 'sw.js');
  appendFileSync(sw, `\n// deployed ${Date.now()}\n`);
  writeFileSync(`${sw}.br`, brotliCompressSync(readFileSync(sw)));
  writeFileSync(`${sw}.gz`, gzipSync(readFileSync(sw)));
  // The app looks for updates on a timer; the journey does not wait an hour for it.
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });

  const prompt = page.getByText('有新版本可用');
  await prompt.waitFor({ timeout: 30_000 });
  // The canvasser is deep in the form: the prompt is on screen all the same.
  const box = await page.locator('.update-prompt').boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);
  // Nothing reloaded under the form while the prompt waits.
  expect(page.url()).toBe(formUrl);
  expect(await page.getByLabel('楼号').inputValue()).toBe('3');
  await shot(page, 'journey4-update-prompt');

  await Promise.all([
    page.waitForEvent('load', { timeout: 30_000 }),
    page.getByRole('button', { name: '更新' }).tap(),
  ]);
  await page.getByLabel('楼号').waitFor();
  expect(page.url()).toBe(formUrl);
  expect(await page.getByLabel('楼号').inputValue()).toBe('3');
  expect(await page.getByLabel('室号').inputValue()).toBe('1101');
  expect(await page.locator('fieldset[data-question="q4"] input[value="B"]').isChecked()).toBe(
    true,
  );
  expect(await page.getByText('有新版本可用').count()).toBe(0);
  await shot(page, 'journey4-after-update');
  await context.close();
}
