import { expect } from 'vitest';
import { DESKTOP, launchBrowser, shot } from '../harness/browser.ts';
import { coverageOf, type Stage } from '../harness/stage.ts';
import { waitFor } from '../harness/wait.ts';

/** Journey 6: a coordinator at a desktop sees on the dashboard what journeys 1–5 collected. */
export async function coordinatorDashboard(stage: Stage): Promise<void> {
  const { server, admin } = stage;
  const password = await admin.createStaff('coordinator01', 'coordinator', []);
  const browser = await launchBrowser();
  // An office PC whose browser policy blocks service workers: the dashboard is online-only
  // there, and must work without an error.
  const context = await browser.newContext({ ...DESKTOP, serviceWorkers: 'block' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(server.url);
  await page.getByLabel('账号').fill('coordinator01');
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '覆盖率看板' }).click();
  await page.getByTestId('town-coverage').waitFor();

  let responses = 0;
  let repeats = 0;
  for (const [code, expected] of stage.expected) {
    const row = page.getByTestId(`community-${code}`);
    const total = (await coverageOf(stage, code))?.totalHouseholds;
    await waitFor(
      async () =>
        (await row.getByTestId('households').textContent())?.trim() ===
        `${expected.households} / ${total}`,
      { what: `${code}'s households to read ${expected.households} / ${total}` },
    );
    expect((await row.getByTestId('repeats').textContent())?.trim()).toBe(String(expected.repeats));
    responses += expected.responses;
    repeats += expected.repeats;
  }
  await page.getByText(`问卷 ${responses} 份，重复户 ${repeats} 份`).waitFor();
  await shot(page, 'journey6-dashboard');
  expect(pageErrors).toEqual([]);
  await browser.close();
}
