import { defineProject } from 'vitest/config';

export default defineProject({
  // Exports run in a worker thread that loads the app's modules first: on a loaded CI machine
  // that alone has taken more than Vitest's default 5 s. Speed is measured in bench/, not here.
  test: { name: 'sync-server', environment: 'node', testTimeout: 20_000 },
});
