import { defineProject } from 'vitest/config';

// Tests that need both apps: the PWA's code against a real sync server, checked over HTTP as a
// person would see it. Here, not in apps/pwa, so the PWA's own tests never start the server and
// apps/pwa/src never imports it (Biome refuses that).
export default defineProject({
  test: {
    name: 'cross-app',
    environment: 'happy-dom',
    setupFiles: ['../../apps/pwa/test/setup.ts'],
    include: ['**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
  },
});
