import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { CHROMIUM_PATH, SHOTS_DIR } from './paths.ts';

// The flags the machines here need: no sandbox as root, and no background connections that the
// closed network would refuse by the dozen.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 640 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

export const DESKTOP: BrowserContextOptions = {
  viewport: { width: 1366, height: 900 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

// Everything a journey opened, so that a journey that fails halfway leaves no browser running
// into the next one, and no profile (with its IndexedDB of test answers) on the disk.
const opened = new Set<Browser | BrowserContext>();
const profiles = new Set<string>();

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  opened.add(browser);
  return browser;
}

/**
 * A persistent profile (a real user-data dir), so that closing and reopening the "phone" keeps
 * its service worker and IndexedDB, as a real phone does.
 */
export async function launchPhone(
  userDataDir = mkdtempSync(join(tmpdir(), 'jiuting-phone-')),
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; userDataDir: string }> {
  profiles.add(userDataDir);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ...PHONE,
    ...options,
  });
  opened.add(context);
  return { context, userDataDir };
}

/** Closes whatever the journey left open and deletes every phone profile it made. */
export async function closeBrowsers(): Promise<void> {
  for (const browser of opened) await browser.close().catch(() => {});
  opened.clear();
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
  profiles.clear();
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: false }).catch(() => {});
}
