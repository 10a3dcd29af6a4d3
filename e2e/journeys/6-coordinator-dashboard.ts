import { sampleSurvey } from '@jiuting/questionnaire/testing';
import { expect } from 'vitest';
import { DESKTOP, launchBrowser, shot } from '../harness/browser.ts';
import { coverageOf, type Stage } from '../harness/stage.ts';
import { waitFor } from '../harness/wait.ts';

/** What the town collected before the coordinator looks: addresses per community, a repeat included. */
const COLLECTED: Readonly<Record<string, readonly string[]>> = {
  DEMO01: ['12号301室'],
  DEMO02: ['100号101室', '101号101室', '102号101室'],
  DEMO05: ['5号201室', '5号201室'],
};
const EXPECTED: Readonly<Record<string, { households: number; repeats: number }>> = {
  DEMO01: { households: 1, repeats: 0 },
  DEMO02: { households: 3, repeats: 0 },
  DEMO05: { households: 1, repeats: 1 },
};

/** The canvassers' day, sent as their phones send it (POST /api/sync), so this journey needs no other. */
async function collect(stage: Stage): Promise<void> {
  const collectedAt = new Date(Date.now() - 60_000).toISOString();
  const items = Object.entries(COLLECTED).flatMap(([communityCode, addresses]) =>
    addresses.map((householdAddress) =>
      sampleSurvey({ communityCode, householdAddress, collectedAt }),
    ),
  );
  const { results } = await stage.admin.request<{ results: { status: string }[] }>(
    'POST',
    '/api/sync',
    { items },
  );
  expect(results.map((r) => r.status)).toEqual(items.map(() => 'accepted'));
}

/** Journey 6: a coordinator at a desktop sees on the dashboard what the canvassers collected. */
export async function coordinatorDashboard(stage: Stage): Promise<void> {
  const { server, admin } = stage;
  await collect(stage);
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
  for (const [code, expected] of Object.entries(EXPECTED)) {
    const row = page.getByTestId(`community-${code}`);
    const total = (await coverageOf(stage, code))?.totalHouseholds;
    await waitFor(
      async () =>
        (await row.getByTestId('households').textContent())?.trim() ===
        `${expected.households} / ${total}`,
      { what: `${code}'s households to read ${expected.households} / ${total}` },
    );
    expect((await row.getByTestId('repeats').textContent())?.trim()).toBe(String(expected.repeats));
    responses += COLLECTED[code]?.length ?? 0;
    repeats += expected.repeats;
  }
  await page.getByText(`问卷 ${responses} 份，重复户 ${repeats} 份`).waitFor();
  await shot(page, 'journey6-dashboard');
  expect(pageErrors).toEqual([]);
  await browser.close();
}
