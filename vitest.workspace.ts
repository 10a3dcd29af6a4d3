// Vitest 4 dropped workspace files; this is the root config that lists every project, so
// `npm test` runs each package's tests with that package's own settings.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tests/*', 'e2e'],
  },
});
