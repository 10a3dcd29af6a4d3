import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'pwa',
    environment: 'happy-dom',
    // fake-indexeddb for Dexie, and Testing Library's cleanup (vitest globals are off).
    setupFiles: ['./test/setup.ts'],
    testTimeout: 20_000,
  },
});
