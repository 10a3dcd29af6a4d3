import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { buildTestApp } from '../apps/sync-server/src/testing.ts';
import { BUILD_DIR } from './harness/paths.ts';

// The build the journeys serve (global-setup.ts), served by the real static plugin: every script
// a phone downloads goes out compressed, the service worker and Workbox included (vite-plugin-pwa
// writes those after the bundle, and they used to go out as they are: 2.5 + 21.9 KB).
test('the service worker and Workbox are served compressed, like every other script', async () => {
  const workbox = readdirSync(BUILD_DIR).filter((f) => /^workbox-.*\.js$/.test(f));
  expect(workbox.length).toBe(1);
  const { app, cleanup } = await buildTestApp({ staticDir: BUILD_DIR });
  try {
    for (const file of ['sw.js', ...workbox, 'index.html', 'manifest.webmanifest']) {
      const res = await app.inject({
        method: 'GET',
        url: `/${file}`,
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      });
      expect(res.statusCode, file).toBe(200);
      expect(res.headers['content-encoding'], file).toBe('br');
      expect(brotliDecompressSync(res.rawPayload).equals(readFileSync(join(BUILD_DIR, file)))).toBe(
        true,
      );
    }
  } finally {
    await cleanup();
  }
});
