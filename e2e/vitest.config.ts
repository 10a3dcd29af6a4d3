import { defineProject } from 'vitest/config';

// Real-browser journeys: Debian's Chromium against the real server on a loopback port. One file
// at a time (a 2-core machine runs one browser and one server well, not four of each).
export default defineProject({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['*.e2e.ts', 'harness/*.test.ts'],
    globalSetup: ['./harness/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
