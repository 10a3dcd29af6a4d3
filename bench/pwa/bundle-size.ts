// The PWA's download budget: what a canvasser's phone downloads before the first screen (login or
// home) shows — the entry chunk, every chunk it imports statically, the app behind the first screen
// (imported once the sign-in form is painted) with its static imports, their CSS, index.html and
// the scripts it names — counted as the server sends it (the build's pre-compressed .br files, or the
// raw file where there is none), which must stay within 130 KB; and proof that the coordinator's
// dashboard and the collectors' forms are split out of it. The gzip level 9 figure is printed
// beside it for comparison with earlier runs (its budget was 175 KB before the forms were split).
// Run after a build: `npm run build -w apps/pwa && npx tsx bench/pwa/bundle-size.ts`
// (builds first when there is no build).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 130 * 1024;
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

// Everything reachable through static imports from the entry, and from the app behind the first
// screen that the entry imports as soon as it has painted (src/shell/Boot.tsx): the sign-in form
// shows before that chunk arrives, home after it, so both are counted.
const BEHIND_FIRST_SCREEN = 'src/shell/collector-app.tsx';
if (!manifest[entryKey]?.dynamicImports?.includes(BEHIND_FIRST_SCREEN)) {
  throw new Error(`the entry no longer imports ${BEHIND_FIRST_SCREEN}: update this benchmark`);
}
const firstScreen = new Set<string>();
const pending = [entryKey, BEHIND_FIRST_SCREEN];
while (pending.length > 0) {
  const key = pending.pop() as string;
  if (firstScreen.has(key)) continue;
  firstScreen.add(key);
  pending.push(...(manifest[key]?.imports ?? []));
}

// The part the sign-in form waits for: the entry and its static imports only.
const signInScreen = new Set<string>();
const signInPending = [entryKey];
while (signInPending.length > 0) {
  const key = signInPending.pop() as string;
  if (signInScreen.has(key)) continue;
  signInScreen.add(key);
  signInPending.push(...(manifest[key]?.imports ?? []));
}
const chunkFiles = (keys: Set<string>) =>
  new Set(
    [...keys].flatMap((key) => {
      const chunk = manifest[key] as ManifestChunk;
      return [chunk.file, ...(chunk.css ?? [])];
    }),
  );
const files = chunkFiles(firstScreen);
const signInFiles = chunkFiles(signInScreen);

// Scripts index.html names itself (old-phone.js runs before the app, outside the manifest).
const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
for (const match of indexHtml.matchAll(/<script\b[^>]*\bsrc="\/?([^"]+)"/g)) {
  const file = match[1] as string;
  if (!file.startsWith('assets/')) {
    files.add(file);
    signInFiles.add(file);
  }
}
files.add('index.html');
signInFiles.add('index.html');

function gzipBytes(file: string): number {
  return gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}
/** What the sync server sends a browser that accepts brotli (static.ts, preCompressed). */
function servedBytes(file: string): number {
  const br = join(dist, `${file}.br`);
  return existsSync(br) ? statSync(br).size : statSync(join(dist, file)).size;
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const rows = [...files].sort().map((file) => ({
  file,
  raw: statSync(join(dist, file)).size,
  gzip: gzipBytes(file),
  served: servedBytes(file),
}));
const gzipTotal = rows.reduce((sum, row) => sum + row.gzip, 0);
const total = rows.reduce((sum, row) => sum + row.served, 0);

const dashboardChunks = Object.entries(manifest).filter(([key]) => key.includes('src/dashboard/'));
const dashboardInFirstScreen = dashboardChunks.some(([key]) => firstScreen.has(key));
// The forms bring react-hook-form and the questionnaire's zod schemas: never on the first screen.
// 修改密码 brings the same, and classic zod with the contract's password schema.
const LAZY_FORMS = [
  'src/survey/SurveyPage.tsx',
  'src/interview/InterviewPage.tsx',
  'src/account/PasswordPage.tsx',
];
const formsInFirstScreen = LAZY_FORMS.filter(
  (source) => !Object.keys(manifest).includes(source) || firstScreen.has(source),
);

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? allFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
const precacheGzip = allFiles(join(dist, 'assets'))
  .filter((path) => /\.(js|css)$/.test(path))
  .reduce((sum, path) => sum + gzipSync(readFileSync(path), { level: 9 }).length, 0);

console.log('PWA first screen (canvasser): HTML + JS + CSS, as served (brotli) and gzip level 9');
for (const row of rows)
  console.log(
    `  ${row.file.padEnd(40)} ${kb(row.raw).padStart(10)} raw  ${kb(row.served).padStart(9)} served  ${kb(row.gzip).padStart(9)} gzip`,
  );
console.log(
  `  ${'total'.padEnd(40)} ${''.padStart(14)} ${kb(total).padStart(9)} served  ${kb(gzipTotal).padStart(9)} gzip  (budget ${kb(BUDGET_BYTES)} served)`,
);
const signInRows = rows.filter((row) => signInFiles.has(row.file));
console.log(
  `  ${'of which the sign-in form waits for'.padEnd(40)} ${''.padStart(14)} ${kb(signInRows.reduce((sum, row) => sum + row.served, 0)).padStart(9)} served  ${kb(signInRows.reduce((sum, row) => sum + row.gzip, 0)).padStart(9)} gzip`,
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
if (formsInFirstScreen.length > 0) {
  console.error(`FAIL: not split out of the first screen: ${formsInFirstScreen.join(', ')}`);
  process.exit(1);
}
if (total > BUDGET_BYTES) {
  console.error(`FAIL: first screen ${kb(total)} served exceeds the ${kb(BUDGET_BYTES)} budget`);
  process.exit(1);
}
console.log('OK: within budget, dashboard and forms split out');
