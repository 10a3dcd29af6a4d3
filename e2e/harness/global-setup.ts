import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildServerAndPwa } from './build.ts';
import { type ChromiumCheck, checkChromium } from './chromium.ts';
import { BUILD_DIR } from './paths.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Whether the browser journeys can run here (phone-journeys.e2e.ts skips or fails them). */
    chromium: ChromiumCheck;
  }
}

// The journeys test what `npm start` serves, built once into a directory of their own (see
// buildServerAndPwa: no developer's build swaps files under a service worker mid-test). The
// bundle check needs the build even where the journeys are skipped.
export default function setup(project: TestProject): (() => void) | undefined {
  const chromium = checkChromium();
  project.provide('chromium', chromium);
  // Said before the build and again after every test, where a developer reads the summary.
  const notice = chromium.run ? undefined : () => console.warn(`\n${chromium.notice}\n`);
  notice?.();
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(`${BUILD_DIR}/index.html`)) return notice;
  buildServerAndPwa(BUILD_DIR);
  return notice;
}
