import { SAMPLE_ANSWERS } from '@jiuting/questionnaire/testing';
import type { Page } from 'playwright-core';
import { waitFor } from './wait.ts';

/** What a canvasser does with their thumb, in the words on the screen. */

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).tap();
  await page.getByRole('link', { name: '填写满意度问卷' }).waitFor();
}

/** Waits until a service worker controls the page, so the app shell is precached. */
export async function waitUntilInstalled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
  }
  await waitFor(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
    what: 'the service worker to control the page',
  });
}

export async function unsentCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('unsent-count').textContent());
}

export async function waitForUnsent(
  page: Page,
  expected: number,
  timeoutMs = 60_000,
): Promise<void> {
  await waitFor(async () => (await unsentCount(page)) === expected, {
    timeoutMs,
    what: `the unsent count to read ${expected}`,
  });
}

export interface SurveyEntry {
  readonly building: string;
  readonly unit?: string;
  readonly room: string;
  /** Letters per question, as a paper form would be ticked; q10/q11 may hold several. */
  readonly answers: Readonly<Record<string, string | readonly string[]>>;
}

// The questionnaire's sample answers as a thumb taps them: letters only (no 其他 text to type).
const { q11Other: _typed, ...SAMPLE_LETTERS } = SAMPLE_ANSWERS;
export const TYPICAL_ANSWERS: SurveyEntry['answers'] = {
  ...SAMPLE_LETTERS,
  q10: ['A', 'C'],
  q11: ['A', 'F'],
};

export async function tapOption(page: Page, question: string, letter: string): Promise<void> {
  await page
    .locator(`fieldset[data-question="${question}"] label.option`)
    .filter({ has: page.locator(`input[value="${letter}"]`) })
    .tap();
}

export async function openNewSurvey(page: Page): Promise<void> {
  await page.getByRole('link', { name: '填写满意度问卷' }).tap();
  await page.getByLabel('楼号').waitFor();
}

export async function fillAddress(page: Page, entry: SurveyEntry, communityCode?: string) {
  if (communityCode) await page.getByLabel('居民区').selectOption(communityCode);
  await page.getByLabel('楼号').fill(entry.building);
  if (entry.unit) await page.getByLabel('单元').fill(entry.unit);
  await page.getByLabel('室号').fill(entry.room);
  await page.locator('fieldset.channel label.option', { hasText: '上门' }).tap();
}

export async function tapAnswers(page: Page, answers: SurveyEntry['answers']): Promise<void> {
  for (const [question, letters] of Object.entries(answers)) {
    for (const letter of typeof letters === 'string' ? [letters] : letters) {
      await tapOption(page, question, letter);
    }
  }
}

export async function submitSurvey(page: Page): Promise<void> {
  await page.getByRole('button', { name: '提交' }).tap();
  // 已保存，待上传 — or already 已上传 when the network is quick.
  await page.locator('.saved-mark').waitFor();
}
