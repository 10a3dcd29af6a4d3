import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { BROWSER_FLOORS, lowestFloor, viteTargets } from './build/browser-floors.ts';

// One build serves both pages and they share chunks (the questionnaire package, React), so every
// file is built for the older of the two floors; each page's floor is still checked on its own.
const target = viteTargets(lowestFloor(Object.values(BROWSER_FLOORS)));

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // The user decides when a new version applies (never under a half-filled form), and the
      // service worker is registered from a module: the server's CSP forbids inline scripts.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png'],
      manifest: {
        name: '九亭镇满意度测评',
        short_name: '满意度测评',
        description: '九亭镇居民区群众满意度测评与特殊群体访谈采集',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#b71c1c',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        navigateFallback: 'index.html',
        // /r/<token> is the residents' page (resident.html from the server), never this app.
        navigateFallbackDenylist: [/^\/api\//, /^\/r\//],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // Who is signed in and their communities open offline; everything else under /api
            // (and every answer) stays out of the cache.
            urlPattern: ({ url, request }) =>
              request.method === 'GET' &&
              (url.pathname === '/api/me' || url.pathname === '/api/communities'),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'jiuting-api',
              networkTimeoutSeconds: 5,
              cacheableResponse: { statuses: [200] },
              expiration: { maxEntries: 4, maxAgeSeconds: 8 * 24 * 60 * 60 },
            },
          },
        ],
      },
    }),
    (() => {
      // .br and .gz beside every text file: the sync server sends them to browsers that accept
      // them (static.ts, preCompressed), so a weak connection downloads the gzip figures that
      // bench/pwa measures, not three times as much. Done once the whole build is written, from
      // the output directory, not from Rollup's bundle: vite-plugin-pwa writes sw.js and
      // workbox-*.js in its own closeBundle, after the bundle, and they were served uncompressed.
      let outDir = 'dist';
      return {
        name: 'precompress',
        apply: 'build' as const,
        configResolved(config: { root: string; build: { outDir: string } }) {
          outDir = resolve(config.root, config.build.outDir);
        },
        closeBundle: {
          sequential: true,
          order: 'post' as const,
          async handler() {
            const files = (await readdir(outDir, { recursive: true })).filter((f) =>
              /\.(js|css|html|svg|webmanifest)$/.test(f),
            );
            await Promise.all(
              files.map(async (file) => {
                const data = await readFile(join(outDir, file));
                await writeFile(join(outDir, `${file}.br`), await promisify(brotliCompress)(data));
                await writeFile(
                  join(outDir, `${file}.gz`),
                  await promisify(gzip)(data, { level: 9 }),
                );
              }),
            );
          },
        },
      };
    })(),
    {
      // vite-plugin-pwa links the web app manifest into every page; the residents' page is not
      // the app and must not offer to install it.
      name: 'resident-page-is-not-the-app',
      enforce: 'post',
      // `npm run dev`: /r/<token> opens the residents' page, as the sync server does.
      configureServer(server) {
        server.middlewares.use((req, _res, next) => {
          if (req.url && /^\/r\/[^/?]+\/?(\?|$)/.test(req.url)) req.url = '/resident.html';
          next();
        });
      },
      transformIndexHtml: {
        order: 'post',
        handler: (html, ctx) =>
          ctx.filename.endsWith('resident.html')
            ? html.replace(/\s*<link rel="manifest"[^>]*>/, '')
            : html,
      },
    },
  ],
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  preview: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  build: {
    // Set, not left to Vite's default (Chrome 111 / Safari 16.4), which would decide silently.
    target,
    cssTarget: target,
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Two pages: the collectors' app, and the residents' QR page, which shares none of the app's
    // storage, sync or service worker code (bench/pwa/resident-size.ts checks).
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        resident: fileURLToPath(new URL('./resident.html', import.meta.url)),
      },
      output: {
        codeSplitting: {
          // Fewer, larger chunks on the first screens: left to itself, once the collectors' entry
          // imports the rest of the app after painting (src/shell/Boot.tsx), the bundler split
          // helpers and modules of a few hundred bytes into chunks of their own, and over HTTP/1.1
          // each is one more request queued beside react-dom on a slow link.
          groups: [
            {
              // What both pages load: React, the compiler's and bundler's helpers, the fetch client.
              name: 'shared',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]|@oxc-project\+runtime|vite[\\/](preload-helper|modulepreload-polyfill)|src[\\/]api[\\/](client|types|api-context|query-keys)\.tsx?$|src[\\/]outbox[\\/]ids\.ts$/,
            },
            // React Query, for the collectors' app only (the residents' page never loads it).
            { name: 'react-query', test: /[\\/]node_modules[\\/]@tanstack[\\/]/ },
          ],
        },
      },
    },
    // dist/.vite/manifest.json: bench/pwa/bundle-size.ts reads it to find what the first screen loads.
    manifest: true,
  },
});
