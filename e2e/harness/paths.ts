import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where a journey leaves its screenshots: test output, ignored by git. */
export const SHOTS_DIR = `${REPO_ROOT}/test-results/e2e`;
/** The PWA as built for the journeys (see global-setup.ts). */
export const BUILD_DIR = `${REPO_ROOT}/test-results/e2e-dist`;
