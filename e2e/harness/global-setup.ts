import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BUILD_DIR, CHROMIUM_PATH, REPO_ROOT } from './paths.ts';

// The journeys test what `npm start` serves: the server compiled by its build script (so the
// journeys run the code under test, not an older build), and the PWA built by its own build
// script, once, into a directory of the journeys' own (so a developer's build running meanwhile
// cannot swap files under a service worker mid-test).
export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM_PATH}: run 'apt-get update && apt-get install -y chromium' (.ci/run does).`,
    );
  }
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(`${BUILD_DIR}/index.html`)) return;
  execFileSync('npm', ['run', 'build:server'], { cwd: REPO_ROOT, stdio: 'inherit' });
  execFileSync(
    'npm',
    ['run', 'build', '-w', 'apps/pwa', '--', '--outDir', BUILD_DIR, '--emptyOutDir'],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    },
  );
}
