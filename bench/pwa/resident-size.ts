// The residents' QR page download budget: what the server sends for resident.html and every JS
// and CSS file it loads — its <script>/<link> tags and, through them, every static import — must
// stay within 75 KB (issue 17 §5), and none of it may be Dexie, react-query, the service worker
// or the dashboard. "Sends" is the file the server picks for a browser that accepts brotli (every
// browser on the page's floor does): the build's `.br` beside the file, or the file itself when
// there is none (static.ts, preCompressed). gzip level 9 is printed beside it for comparison.
// What the page's code fetches later with import() (the schemas, on the first answer) is listed
// apart, outside the budget, and checked for the same forbidden code.
// Run after a build: `npm run build -w apps/pwa && npx tsx bench/pwa/resident-size.ts`
// (builds first when there is no build). Prints the collectors' first screen, measured the same
// way, beside it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 75 * 1024;
const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'apps', 'pwa', 'dist');

if (!existsSync(join(dist, 'resident.html'))) {
  console.log('no build found: running npm run build -w apps/pwa');
  const build = spawnSync('npm', ['run', 'build', '-w', 'apps/pwa'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(1);
}

/** JS files a page's own code fetches later with import() (after its first download). */
const loadedLater = new Map<string, string[]>();

/**
 * The JS and CSS reached from `start` through static imports (`import … from "x"`, `import "x"`,
 * `export … from "x"`), and the files named by `import("x")` on the way, which are loaded later,
 * on demand, and are not part of that download.
 */
function staticClosure(start: readonly string[]): { files: Set<string>; dynamic: Set<string> } {
  const pending = [...start];
  const files = new Set<string>();
  const dynamic = new Set<string>();
  while (pending.length > 0) {
    const file = (pending.pop() as string).replace(/^\//, '');
    if (files.has(file) || !/\.(js|css)$/.test(file)) continue;
    files.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(dist, file), 'utf8');
    for (const match of code.matchAll(
      /(?:^|[;}\s])(?:import|export)\s*(?:[^'"();]*?\bfrom\s*)?["']([^"']+\.js)["']/g,
    )) {
      pending.push(posix.join(posix.dirname(file), match[1] as string));
    }
    for (const match of code.matchAll(/\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) {
      dynamic.add(posix.join(posix.dirname(file), match[1] as string));
    }
  }
  return { files, dynamic };
}

/** dist-relative paths of the page and the JS and CSS it loads before it can show anything. */
function filesLoadedBy(page: string): string[] {
  const html = readFileSync(join(dist, page), 'utf8');
  const pending: string[] = [];
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g))
    pending.push(match[1] as string);
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0];
    if (!/rel="(stylesheet|modulepreload)"/.test(tag)) continue;
    const href = /href="([^"]+)"/.exec(tag)?.[1];
    if (href) pending.push(href);
  }
  const first = staticClosure(pending);
  const later = staticClosure([...first.dynamic]).files;
  loadedLater.set(page, [...later].filter((file) => !first.files.has(file)).sort());
  return [page, ...[...first.files].sort()];
}

const gzipBytes = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
/** The bytes the server sends a browser that accepts brotli, and whether it had a `.br` to send. */
function sentBytes(file: string): { bytes: number; brotli: boolean } {
  const br = join(dist, `${file}.br`);
  if (existsSync(br)) return { bytes: statSync(br).size, brotli: true };
  return { bytes: statSync(join(dist, file)).size, brotli: false };
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function report(label: string, files: string[]): number {
  console.log(label);
  let total = 0;
  let gzipTotal = 0;
  for (const file of files) {
    const gzip = gzipBytes(file);
    const sent = sentBytes(file);
    total += sent.bytes;
    gzipTotal += gzip;
    console.log(
      `  ${file.padEnd(42)} ${kb(statSync(join(dist, file)).size).padStart(9)} raw ${kb(gzip).padStart(9)} gzip ${kb(sent.bytes).padStart(9)} sent${sent.brotli ? ' (brotli)' : ' (uncompressed: no .br)'}`,
    );
  }
  console.log(
    `  ${'total'.padEnd(42)} ${''.padStart(13)} ${kb(gzipTotal).padStart(9)} gzip ${kb(total).padStart(9)} sent`,
  );
  return total;
}

const residentFiles = filesLoadedBy('resident.html');
const residentTotal = report(
  'Resident page (resident.html, its JS and CSS): bytes the server sends',
  residentFiles,
);
const residentLater = loadedLater.get('resident.html') ?? [];
const residentLaterTotal =
  residentLater.length === 0
    ? 0
    : report(
        "Resident page, fetched later by its code's import() (not in the first download)",
        residentLater,
      );
const collectorTotal = report(
  "Collectors' app first screen (index.html), measured the same way",
  filesLoadedBy('index.html'),
);

// What must never reach a resident's phone, each by a marker its code cannot do without.
const FORBIDDEN: Array<[string, RegExp]> = [
  ['Dexie', /\bDexie\b/],
  ['react-query', /No QueryClient set|QueryClientProvider/],
  ['a service worker registration', /serviceWorker\.register|workbox/],
  ['IndexedDB', /\bindexedDB\b/],
];
const failures: string[] = [];
for (const file of [...residentFiles, ...residentLater]) {
  const code = readFileSync(join(dist, file), 'utf8');
  for (const [what, marker] of FORBIDDEN)
    if (marker.test(code)) failures.push(`${what} in ${file}`);
}
// The dashboard is known by the build manifest: its chunks' files must not be among them.
const manifestPath = join(dist, '.vite', 'manifest.json');
if (existsSync(manifestPath)) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<
    string,
    { file: string }
  >;
  for (const [source, chunk] of Object.entries(manifest)) {
    if (
      /src\/(dashboard|print|outbox)\//.test(source) &&
      (residentFiles.includes(chunk.file) || residentLater.includes(chunk.file))
    ) {
      failures.push(`${source} (${chunk.file})`);
    }
  }
}
if (
  !residentFiles.some((f) => f.endsWith('.css')) ||
  !residentFiles.some((f) => f.endsWith('.js'))
) {
  failures.push('resident.html loads no JS or no CSS: the tags were not found');
}

console.log(
  `resident page ${kb(residentTotal)} sent (budget ${kb(BUDGET_BYTES)}), ${kb(residentLaterTotal)} more fetched later; collectors' first screen ${kb(collectorTotal)} sent`,
);
for (const failure of failures) console.error(`FAIL: the resident page loads ${failure}`);
if (residentTotal > BUDGET_BYTES) {
  console.error(`FAIL: ${kb(residentTotal)} sent exceeds the ${kb(BUDGET_BYTES)} budget`);
}
if (failures.length > 0 || residentTotal > BUDGET_BYTES) process.exit(1);
console.log('OK: within budget; no Dexie, react-query, service worker or dashboard code');
