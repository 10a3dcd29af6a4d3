import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from './harness/api.ts';
import { DESKTOP, launchBrowser, launchPhone, shot } from './harness/browser.ts';
import { BUILD_DIR } from './harness/paths.ts';
import {
  signIn,
  submitSurvey,
  TYPICAL_ANSWERS,
  tapAnswers,
  waitForUnsent,
  waitUntilInstalled,
} from './harness/phone.ts';
import { ADMIN_PASSWORD, type RunningServer, startServer } from './harness/server.ts';
import { waitFor } from './harness/wait.ts';

// The canvasser's field kit (issue 11) on a 360×640 phone: the visit list offline, a survey
// opened from it, a 不在家 marked, and what the dashboard and a colleague's list show after sync.

const COMMUNITY = 'DEMO05';
const REGISTER = [
  '小区/自然村,路,弄,号,单元,室,状态',
  ...['101', '102', '201', '202', '301', '302'].map((room) => `九亭小区,,100,12,1,${room},居住`),
  '九亭小区,,100,12,2,101,居住',
  '九亭小区,,100,14,1,101,居住',
].join('\n');
const SURVEYED = '九亭小区·100弄12号1单元101室';
const NOT_HOME = '九亭小区·100弄12号1单元102室';

let server: RunningServer;
let admin: ApiClient;
let deployDir: string;

beforeAll(async () => {
  deployDir = mkdtempSync(join(tmpdir(), 'jiuting-deploy-'));
  cpSync(BUILD_DIR, deployDir, { recursive: true });
  server = await startServer({ staticDir: deployDir });
  admin = await ApiClient.asAdmin(server.url);
});
afterAll(async () => {
  await server?.stop();
  if (deployDir) rmSync(deployDir, { recursive: true, force: true });
});

/** Rows the phone stored in its visit-list table (IndexedDB, read as the app wrote them). */
function storedLists(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('jiuting-outbox');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('visitLists')) {
            db.close();
            resolve(0);
            return;
          }
          const count = db.transaction('visitLists').objectStore('visitLists').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
        open.onerror = () => resolve(0);
      }),
  );
}

async function openRooms(page: Page): Promise<void> {
  await page.getByRole('link', { name: '走访名单' }).first().tap();
  await page.getByText(/名单更新于/).waitFor();
  await page.getByRole('button', { name: /100弄12号/ }).tap();
  await page.getByRole('button', { name: /^1单元/ }).tap();
}

function roomRow(page: Page, room: string) {
  return page.locator('.household-row', { hasText: `${room}室` });
}

describe.sequential('the canvasser’s field kit at 360×640', () => {
  test('offline: list, survey from it, 不在家; online: the dashboard and a colleague’s list show both', async () => {
    await admin.request('POST', `/api/communities/${COMMUNITY}/register/import`, {
      csv: REGISTER,
    });
    const passwordA = await admin.createStaff('fieldkit-a', 'canvasser', [COMMUNITY]);
    const passwordB = await admin.createStaff('fieldkit-b', 'canvasser', [COMMUNITY]);

    // Canvasser A signs in with signal: the app installs and takes the visit list with it.
    const phoneA = await launchPhone();
    const page = phoneA.context.pages()[0] ?? (await phoneA.context.newPage());
    await page.goto(server.url);
    await signIn(page, 'fieldkit-a', passwordA);
    await waitUntilInstalled(page);
    await waitFor(async () => (await storedLists(page)) === 1, {
      what: 'the visit list to be stored on the phone',
    });
    await page.getByTestId(`progress-${COMMUNITY}`).waitFor();
    await shot(page, 'field-kit-home');

    // The stairwell: no signal. The list opens from the phone.
    await phoneA.context.setOffline(true);
    await page.reload();
    await openRooms(page);
    await expect.poll(() => roomRow(page, '101').textContent()).toContain('未访');
    await shot(page, 'field-kit-visit-list');

    // A listed household: the survey opens with its address, nothing typed.
    await roomRow(page, '101').tap();
    await page.getByRole('button', { name: '填写问卷', exact: true }).tap();
    await expect.poll(() => page.getByTestId('household-key').textContent()).toBe(SURVEYED);
    await tapAnswers(page, TYPICAL_ANSWERS);
    await submitSurvey(page);
    await page.getByText('已保存，待上传').waitFor();

    // 下一户 keeps the building and unit and moves to the next room of the list.
    await page.getByRole('button', { name: '下一户' }).tap();
    await expect.poll(() => page.getByTestId('household-key').textContent()).toBe(NOT_HOME);

    // Nobody home at 102: marked from the list, queued with the survey.
    await page.evaluate(() => {
      location.hash = '#/visits';
    });
    await page.getByRole('button', { name: /100弄12号/ }).tap();
    await page.getByRole('button', { name: /^1单元/ }).tap();
    await expect.poll(() => roomRow(page, '101').textContent()).toContain('待上传');
    await roomRow(page, '102').tap();
    await page.getByRole('button', { name: '不在家' }).tap();
    await expect.poll(() => roomRow(page, '102').textContent()).toContain('待上传');
    await shot(page, 'field-kit-marked-offline');
    await waitForUnsent(page, 2, 10_000);

    // Signal returns: both go up without a tap.
    await phoneA.context.setOffline(false);
    await waitForUnsent(page, 0, 90_000);

    // The coordinators' dashboard shows the counted household and the visit.
    const browser = await launchBrowser();
    const desk = await (
      await browser.newContext({ ...DESKTOP, serviceWorkers: 'block' })
    ).newPage();
    await desk.goto(server.url);
    await desk.getByLabel('账号').fill('admin');
    await desk.getByLabel('密码').fill(ADMIN_PASSWORD);
    await desk.getByRole('button', { name: '登录' }).click();
    await desk.getByRole('link', { name: '覆盖率看板' }).click();
    const { communities } = await admin.request<{ communities: { code: string; name: string }[] }>(
      'GET',
      '/api/communities',
    );
    const name = communities.find((c) => c.code === COMMUNITY)?.name ?? COMMUNITY;
    const row = desk.locator('tr', { hasText: name }).first();
    await waitFor(
      async () => /不在家\s*1/.test((await row.getByTestId('visits').textContent()) ?? ''),
      {
        what: 'the dashboard to show the 不在家 visit',
      },
    );
    expect(await row.getByTestId('revisit').textContent()).toBe('1');
    await shot(desk, 'field-kit-dashboard');
    const coverage = await admin.request<{
      communities: { code: string; surveyedHouseholds: number }[];
    }>('GET', '/api/coverage');
    expect(coverage.communities.find((c) => c.code === COMMUNITY)?.surveyedHouseholds).toBe(1);
    await browser.close();

    // A colleague's phone, after its own sync: 101 已完成, 102 不在家 and on the 回访 list.
    const phoneB = await launchPhone();
    const other = phoneB.context.pages()[0] ?? (await phoneB.context.newPage());
    await other.goto(server.url);
    await signIn(other, 'fieldkit-b', passwordB);
    await openRooms(other);
    await expect.poll(() => roomRow(other, '101').textContent()).toContain('已完成');
    await expect.poll(() => roomRow(other, '102').textContent()).toContain('不在家');
    await other.getByRole('tab', { name: '回访（1）' }).tap();
    await expect
      .poll(() => other.locator('.household-row').first().textContent())
      .toContain(NOT_HOME);
    await shot(other, 'field-kit-colleague-revisit');

    // Surveying 101 again warns first.
    await other.getByRole('tab', { name: '按楼浏览' }).tap();
    await roomRow(other, '101').tap();
    await other.getByRole('button', { name: '填写问卷', exact: true }).tap();
    await other.getByRole('alertdialog').getByText('该户已计入覆盖率').waitFor();

    await phoneA.context.close();
    await phoneB.context.close();
  });
});
