import { expect, test } from 'vitest';
import { checkDist } from '../apps/pwa/build/bundle-targets.ts';
import { BUILD_DIR } from './harness/paths.ts';

// The build the journeys serve (global-setup.ts), parsed for each page's oldest browsers
// (apps/pwa/build/browser-floors.ts): one lookbehind or one too-new piece of syntax in any chunk
// and that page does not open at all on those phones.
test('every built file parses on the oldest phones of the pages that load it', () => {
  const results = checkDist(BUILD_DIR);
  expect(results.filter((r) => r.file.endsWith('.js')).length).toBeGreaterThan(3);
  expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
});
