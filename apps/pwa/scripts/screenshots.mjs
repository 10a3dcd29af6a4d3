// Looks at the built app as a canvasser would: a 360×640 phone in headless Chromium.
// Usage: node scripts/screenshots.mjs <base-url> <username> <password> [coordinator-user coordinator-password]
// Screenshots go to /tmp/shots/. Needs /usr/bin/chromium and a running sync server serving dist.
import { chromium } from 'playwright-core';

const [base = 'http://127.0.0.1:8080', username, password, coordUser, coordPassword] =
  process.argv.slice(2);
const out = (name) => `/tmp/shots/${name}.png`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const context = await browser.newContext({
  viewport: { width: 360, height: 640 },
  deviceScaleFactor: 2,
  locale: 'zh-CN',
  isMobile: true,
  hasTouch: true,
});
const page = await context.newPage();
page.on('console', (msg) => console.log('console:', msg.type(), msg.text()));
page.on('pageerror', (error) => console.log('pageerror:', error.message));

await page.goto(base);
await page.getByRole('button', { name: '登录' }).waitFor();
await page.screenshot({ path: out('01-login') });

await page.getByLabel('账号').fill(username);
await page.getByLabel('密码').fill(password);
await page.getByRole('button', { name: '登录' }).click();
await page.getByText('填写满意度问卷').waitFor();
await page.waitForTimeout(500);
await page.screenshot({ path: out('02-home') });

await page.getByText('填写满意度问卷').click();
await page.getByRole('button', { name: '提交' }).waitFor();
await page.screenshot({ path: out('03-survey-top') });
await page.getByLabel('居民区').selectOption({ index: 1 });
await page.getByLabel('楼号').fill('12');
await page.getByLabel('单元').fill('1');
await page.getByLabel('室号').fill('0301');
await page.getByRole('group', { name: /^1、/ }).getByText('A. 业主').click();
await page.getByRole('group', { name: /^2、/ }).getByText('C. 31-40 岁').click();
await page.waitForTimeout(300);
await page.screenshot({ path: out('04-survey-answering') });
await page.getByRole('button', { name: '提交' }).click();
await page.waitForTimeout(300);
await page.screenshot({ path: out('05-survey-errors') });
await page.mouse.wheel(0, 1400);
await page.waitForTimeout(300);
await page.screenshot({ path: out('05b-survey-errors-scrolled') });
await page.screenshot({ path: out('06-survey-full'), fullPage: true });

// Finish it with the network off: it must save and wait.
await context.setOffline(true);
for (const n of [3, 4, 5, 6, 7, 8, 9]) {
  await page
    .getByRole('group', { name: new RegExp(`^${n}、`) })
    .locator('label.option')
    .first()
    .click();
}
await page.getByRole('group', { name: /^10、/ }).getByText('H. 其他').click();
await page.getByRole('group', { name: /^10、/ }).getByRole('textbox').fill('停车难');
await page.getByRole('group', { name: /^11、/ }).getByText('A. 多一些为老服务').click();
await page.getByRole('button', { name: '提交' }).click();
await page.getByText('已保存').waitFor();
await page.waitForTimeout(500);
await page.screenshot({ path: out('07-saved-offline') });

await page.goto(`${base}/#/outbox`).catch(() => {});
await page.waitForTimeout(1500);
await page.screenshot({ path: out('08-outbox-offline') });

// Reload with the network still off: the service worker serves the app.
await page.reload().catch((e) => console.log('reload failed', e.message));
await page.waitForTimeout(1500);
await page.screenshot({ path: out('09-reload-offline') });

await context.setOffline(false);
await page.getByRole('button', { name: '立即同步' }).click();
await page.waitForTimeout(1500);
await page.screenshot({ path: out('10-synced') });

await page.goto(`${base}/#/interview/${crypto.randomUUID()}`);
await page.getByRole('button', { name: '提交' }).waitFor();
await page.waitForTimeout(800);
await page.screenshot({ path: out('11-interview') });

if (coordUser) {
  const coord = await browser.newContext({
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  });
  const p2 = await coord.newPage();
  const scripts = [];
  p2.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await p2.goto(base);
  await p2.getByLabel('账号').fill(coordUser);
  await p2.getByLabel('密码').fill(coordPassword);
  await p2.getByRole('button', { name: '登录' }).click();
  await p2.getByText('覆盖率看板').click();
  await p2.locator('main h1, main h2').first().waitFor();
  await p2.waitForTimeout(500);
  await p2.screenshot({ path: out('12-dashboard') });
  console.log('coordinator scripts:', scripts.map((s) => s.replace(base, '')).join(' '));
}
const scriptsLoaded = await page.evaluate(() =>
  performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((n) => n.endsWith('.js')),
);
console.log('canvasser page scripts:', scriptsLoaded.join(' '));
await browser.close();
