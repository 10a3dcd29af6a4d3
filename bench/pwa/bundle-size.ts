// The PWA's download budget: the gzip size of the JS and CSS a canvasser's first screen loads
// (the entry chunk, every chunk it imports statically, and their CSS), which must stay within
// 175 KB, and proof that the coordinator's dashboard is split out of it. (170 KB until the build
// targeted the phones the app must run on: lowering class private fields for them costs ~2.8 KB.)
// Run after a build: `npm run build -w apps/pwa && npx tsx bench/pwa/bundle-size.ts`
// (builds first when there is no build).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 175 * 1024;
const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'apps', 'pwa', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

if (!existsSync(manifestPath)) {
  console.log('no build found: running npm run build -w apps/pwa');
  const build = spawnSync('npm', ['run', 'build', '-w', 'apps/pwa'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(1);
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
const entryKey = Object.keys(manifest).find(
  (key) => manifest[key]?.isEntry && key.endsWith('index.html'),
);
if (!entryKey) throw new Error('the build manifest has no index.html entry');

// Everything reachable through static imports from the entry: what the first screen downloads.
const firstScreen = new Set<string>();
const pending = [entryKey];
while (pending.length > 0) {
  const key = pending.pop() as string;
  if (firstScreen.has(key)) continue;
  firstScreen.add(key);
  pending.push(...(manifest[key]?.imports ?? []));
}

const files = new Set<string>();
for (const key of firstScreen) {
  const chunk = manifest[key] as ManifestChunk;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
}

function gzipBytes(file: string): number {
  return gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const rows = [...files].sort().map((file) => ({
  file,
  raw: statSync(join(dist, file)).size,
  gzip: gzipBytes(file),
}));
const total = rows.reduce((sum, row) => sum + row.gzip, 0);

const dashboardChunks = Object.entries(manifest).filter(([key]) => key.includes('src/dashboard/'));
const dashboardInFirstScreen = dashboardChunks.some(([key]) => firstScreen.has(key));

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? allFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
const precacheGzip = allFiles(join(dist, 'assets'))
  .filter((path) => /\.(js|css)$/.test(path))
  .reduce((sum, path) => sum + gzipSync(readFileSync(path), { level: 9 }).length, 0);

console.log('PWA first screen (canvasser): JS + CSS, gzip level 9');
for (const row of rows)
  console.log(
    `  ${row.file.padEnd(40)} ${kb(row.raw).padStart(10)} raw  ${kb(row.gzip).padStart(9)} gzip`,
  );
console.log(
  `  ${'total'.padEnd(40)} ${''.padStart(14)} ${kb(total).padStart(9)} gzip  (budget ${kb(BUDGET_BYTES)})`,
);
for (const [key, chunk] of dashboardChunks) {
  console.log(
    `dashboard chunk ${chunk.file} (${key}): ${kb(gzipBytes(chunk.file))} gzip, in first screen: ${firstScreen.has(key)}`,
  );
}
console.log(
  `all JS+CSS chunks incl. the dashboard (what the service worker precaches, besides icons): ${kb(precacheGzip)} gzip`,
);

if (dashboardChunks.length === 0) {
  console.error('FAIL: no separate dashboard chunk in the build');
  process.exit(1);
}
if (dashboardInFirstScreen) {
  console.error('FAIL: the dashboard is loaded by the first screen');
  process.exit(1);
}
if (total > BUDGET_BYTES) {
  console.error(`FAIL: first screen ${kb(total)} gzip exceeds the ${kb(BUDGET_BYTES)} budget`);
  process.exit(1);
}
console.log('OK: within budget, dashboard split out');
