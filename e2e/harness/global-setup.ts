import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, REPO_ROOT } from './paths.ts';

// The journeys test what `npm start` serves, so the PWA is built once with the same script.
export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM_PATH}: run 'apt-get update && apt-get install -y chromium' (.ci/run does).`,
    );
  }
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(`${REPO_ROOT}/apps/pwa/dist/index.html`))
    return;
  execFileSync('npm', ['run', 'build', '-w', 'apps/pwa'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
