import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { type ChromiumCheck, checkChromium } from './chromium.ts';
import { BUILD_DIR, REPO_ROOT } from './paths.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Whether the browser journeys can run here (phone-journeys.e2e.ts skips or fails them). */
    chromium: ChromiumCheck;
  }
}

// The journeys test what `npm start` serves: the server compiled by its build script (so the
// journeys run the code under test, not an older build), and the PWA built by its own build
// script, once, into a directory of the journeys' own (so a developer's build running meanwhile
// cannot swap files under a service worker mid-test). The bundle check needs the build even
// where the journeys are skipped.
export default function setup(project: TestProject): (() => void) | undefined {
  const chromium = checkChromium();
  project.provide('chromium', chromium);
  // Said before the build and again after every test, where a developer reads the summary.
  const notice = chromium.run ? undefined : () => console.warn(`\n${chromium.notice}\n`);
  notice?.();
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(`${BUILD_DIR}/index.html`)) return notice;
  execFileSync('npm', ['run', 'build:server'], { cwd: REPO_ROOT, stdio: 'inherit' });
  execFileSync(
    'npm',
    ['run', 'build', '-w', 'apps/pwa', '--', '--outDir', BUILD_DIR, '--emptyOutDir'],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    },
  );
  return notice;
}
