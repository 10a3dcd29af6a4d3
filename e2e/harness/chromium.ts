import { existsSync } from 'node:fs';

/** Whether the browser journeys can run here and, when they cannot, why and what that means. */
export type ChromiumCheck =
  | { readonly run: true }
  | { readonly run: false; readonly required: boolean; readonly notice: string };

const INSTALL = 'apt-get update && apt-get install -y chromium (.ci/run does)';

/**
 * A developer without Chromium still gets every other test, with the journeys reported as
 * skipped and why; CI must never pass without them, so there a missing Chromium is a failure.
 */
export function checkChromium(
  env: Readonly<Record<string, string | undefined>> = process.env,
  exists: (path: string) => boolean = existsSync,
): ChromiumCheck {
  const path = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (exists(path)) return { run: true };
  const why = `Chromium is not at ${path} (set CHROMIUM_PATH, or ${INSTALL})`;
  if (env.CI === 'true' || env.CI === '1') {
    return {
      run: false,
      required: true,
      notice: `BROWSER JOURNEYS CANNOT RUN: ${why}. CI=true requires them, so this run fails.`,
    };
  }
  return { run: false, required: false, notice: `BROWSER JOURNEYS SKIPPED: ${why}.` };
}
