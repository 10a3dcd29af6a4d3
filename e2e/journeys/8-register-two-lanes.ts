import iconv from 'iconv-lite';
import { expect } from 'vitest';
import { DESKTOP, launchBrowser, launchPhone, shot } from '../harness/browser.ts';
import {
  openNewSurvey,
  signIn,
  submitSurvey,
  TYPICAL_ANSWERS,
  tapAnswers,
  waitForUnsent,
} from '../harness/phone.ts';
import { coverageOf, type Stage } from '../harness/stage.ts';
import { waitFor } from '../harness/wait.ts';

const COMMUNITY = 'DEMO09';

// The 居委会's ledger as Chinese Excel saves it (GBK): two lanes with the same 12号301室, a
// vacant flat, and village houses without a room.
const REGISTER = [
  '小区/自然村,路,弄,号,单元,室,状态',
  '九亭小区,涞寅路,100,12,,301,居住',
  '九亭小区,涞寅路,200,12,,301,居住',
  '九亭小区,涞寅路,200,12,,302,空置',
  '新姚村,,,3组25,,,居住',
  '新姚村,,,3组26,,,居住',
].join('\r\n');

/**
 * Journey 8: a coordinator imports a register with two lanes and village houses; a canvasser
 * surveys 100弄12号301室, 200弄12号301室 and 新姚村3组25号; coverage shows three households.
 */
export async function registerTwoLanes(stage: Stage): Promise<void> {
  const { server, admin } = stage;
  const coordinatorPassword = await admin.createStaff('coordinator08', 'coordinator', []);
  const canvasserPassword = await admin.createStaff('canvasser08', 'canvasser', [COMMUNITY]);

  const browser = await launchBrowser();
  const context = await browser.newContext({ ...DESKTOP, serviceWorkers: 'block' });
  const desk = await context.newPage();
  await desk.goto(server.url);
  await desk.getByLabel('账号').fill('coordinator08');
  await desk.getByLabel('密码').fill(coordinatorPassword);
  await desk.getByRole('button', { name: '登录' }).click();
  await desk.getByRole('link', { name: '覆盖率看板' }).click();
  await desk.getByRole('link', { name: '户册' }).click();
  await desk.getByLabel('居民区').selectOption(COMMUNITY);
  await desk.getByLabel('选择户册文件').setInputFiles({
    name: '户册.csv',
    mimeType: 'text/csv',
    buffer: iconv.encode(REGISTER, 'gbk'),
  });
  await desk.getByRole('button', { name: '导入户册' }).click();
  await desk.getByText('已导入 5 户').waitFor();
  await shot(desk, 'journey8-register-imported');

  const phone = await launchPhone();
  const page = phone.context.pages()[0] ?? (await phone.context.newPage());
  await page.goto(server.url);
  await signIn(page, 'canvasser08', canvasserPassword);
  const households = [
    { area: '九亭小区', lane: '100', building: '12', room: '301', key: '九亭小区·100弄12号301室' },
    { area: '九亭小区', lane: '200', building: '12', room: '301', key: '九亭小区·200弄12号301室' },
    { area: '新姚村', lane: '', building: '3组25', room: '', key: '新姚村·3组25号' },
  ];
  for (const [i, h] of households.entries()) {
    if (i === 0) await openNewSurvey(page);
    else {
      await page.getByRole('link', { name: '再填一份问卷' }).tap();
      await page.getByLabel('楼号').waitFor();
    }
    await page.getByLabel('居民区').selectOption(COMMUNITY);
    await page.getByLabel('小区/自然村').fill(h.area);
    if (h.lane) await page.getByLabel('弄').fill(h.lane);
    await page.getByLabel('楼号').fill(h.building);
    if (h.room) await page.getByLabel('室号').fill(h.room);
    await page.locator('fieldset.channel label.option', { hasText: '上门' }).tap();
    await expect.poll(() => page.getByTestId('household-key').textContent()).toBe(h.key);
    await tapAnswers(page, TYPICAL_ANSWERS);
    await submitSurvey(page);
  }
  await waitForUnsent(page, 0, 60_000);
  await phone.context.close();

  // Three distinct households of four 居住 in the register (the vacant flat is not counted).
  await waitFor(async () => (await coverageOf(stage, COMMUNITY))?.surveyedHouseholds === 3, {
    what: 'coverage to count three households',
  });
  const row = await coverageOf(stage, COMMUNITY);
  expect(row?.totalHouseholds).toBe(4);

  await desk.reload();
  await desk.getByLabel('居民区').selectOption(COMMUNITY);
  const grid = desk.getByTestId('register-buildings');
  await grid.getByText('100弄12号').waitFor();
  expect(await grid.getByRole('row').count()).toBe(5);
  await shot(desk, 'journey8-coverage-by-building');
  await browser.close();
}
