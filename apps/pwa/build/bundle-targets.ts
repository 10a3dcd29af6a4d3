// Checks a built dist against the browser floors: every JS file is parsed by acorn at the
// ECMAScript version its floor understands, every regular expression in it (literal or built by
// `RegExp(...)` from a constant) is parsed by regexpp and refused if it uses a feature the floor
// lacks, and every CSS file must be what lightningcss leaves unchanged for the floor. A syntax
// error or an unsupported regex anywhere in a chunk kills the whole page on that phone, so one is
// enough to fail.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import { type Node, parse } from 'acorn';
import { browserslistToTargets, transform } from 'lightningcss';
import { BROWSER_FLOORS, type BrowserFloor, lowestFloor, type PageName } from './browser-floors.ts';

/** Where each ECMAScript edition's syntax first runs (the last of its features to arrive). */
const SYNTAX_SINCE = [
  { ecmaVersion: 2018, chrome: 64, safari: 12 }, // async iteration, object spread
  { ecmaVersion: 2019, chrome: 66, safari: 12 }, // optional catch binding
  { ecmaVersion: 2020, chrome: 80, safari: 14 }, // ?. ?? BigInt literals
  { ecmaVersion: 2021, chrome: 85, safari: 14 }, // ||= &&= ??= and 1_000
  { ecmaVersion: 2022, chrome: 94, safari: 16.4 }, // class fields, #private, static {}, TLA
  { ecmaVersion: 2024, chrome: 112, safari: 17 }, // the regex v flag
] as const;

/** Regex features the parser would accept but old engines refuse (lookbehind: Safari 16.4). */
export const REGEX_FEATURES = {
  lookbehind: { chrome: 62, safari: 16.4 },
  namedGroups: { chrome: 64, safari: 11.1 },
  propertyEscapes: { chrome: 64, safari: 11.1 },
  dotAllFlag: { chrome: 62, safari: 11.1 },
  hasIndicesFlag: { chrome: 90, safari: 15 },
  unicodeSetsFlag: { chrome: 112, safari: 17 },
  modifiers: { chrome: 125, safari: Number.POSITIVE_INFINITY },
} as const satisfies Record<string, BrowserFloor>;
type RegexFeature = keyof typeof REGEX_FEATURES;

const runsOn = (floor: BrowserFloor, since: BrowserFloor) =>
  floor.chrome >= since.chrome && floor.safari >= since.safari;

export function ecmaVersionFor(
  floor: BrowserFloor,
): 2017 | 2018 | 2019 | 2020 | 2021 | 2022 | 2024 {
  let version: 2017 | 2018 | 2019 | 2020 | 2021 | 2022 | 2024 = 2017;
  for (const edition of SYNTAX_SINCE) if (runsOn(floor, edition)) version = edition.ecmaVersion;
  return version;
}

function regexFeatures(pattern: string, flags: string): RegexFeature[] {
  const found = new Set<RegexFeature>();
  if (flags.includes('s')) found.add('dotAllFlag');
  if (flags.includes('d')) found.add('hasIndicesFlag');
  if (flags.includes('v')) found.add('unicodeSetsFlag');
  const ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, {
    unicode: flags.includes('u'),
    unicodeSets: flags.includes('v'),
  });
  visitRegExpAST(ast, {
    onAssertionEnter: (node) => {
      if (node.kind === 'lookbehind') found.add('lookbehind');
    },
    onCapturingGroupEnter: (node) => {
      if (node.name !== null) found.add('namedGroups');
    },
    onCharacterSetEnter: (node) => {
      if (node.kind === 'property') found.add('propertyEscapes');
    },
    onModifiersEnter: () => {
      found.add('modifiers');
    },
  });
  return [...found];
}

/** A constant string argument: 'x', "x" or `x` with no substitutions. */
function constantString(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = node as Node & { value?: unknown; quasis?: { value: { cooked: string } }[] };
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.quasis?.length === 1) return n.quasis[0]?.value.cooked;
  return undefined;
}

/** Every regular expression the code contains: literals and RegExp(...) / new RegExp(...). */
function regexesIn(program: Node): { pattern: string; flags: string; at: number }[] {
  const found: { pattern: string; flags: string; at: number }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
    const n = node as Node & Record<string, unknown>;
    const regex = n.regex as { pattern: string; flags: string } | undefined;
    if (n.type === 'Literal' && regex) found.push({ ...regex, at: n.start });
    if (n.type === 'NewExpression' || n.type === 'CallExpression') {
      const callee = n.callee as Node & { name?: string };
      const args = n.arguments as Node[];
      const pattern = constantString(args[0]);
      if (callee.type === 'Identifier' && callee.name === 'RegExp' && pattern !== undefined) {
        found.push({ pattern, flags: constantString(args[1]) ?? '', at: n.start });
      }
    }
    for (const [key, value] of Object.entries(n)) {
      if (key !== 'type' && value && typeof value === 'object') visit(value);
    }
  };
  visit(program);
  return found;
}

function lineOf(code: string, offset: number): number {
  return code.slice(0, offset).split('\n').length;
}

/** What is wrong with one JS file for a floor; empty when every phone at the floor can run it. */
export function checkScript(code: string, floor: BrowserFloor): string[] {
  const ecmaVersion = ecmaVersionFor(floor);
  let program: Node;
  try {
    program = parse(code, { ecmaVersion, sourceType: 'module' });
  } catch (error) {
    return [`syntax above ES${ecmaVersion}: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  for (const { pattern, flags, at } of regexesIn(program)) {
    let features: RegexFeature[];
    try {
      features = regexFeatures(pattern, flags);
    } catch (error) {
      problems.push(`line ${lineOf(code, at)}: /${pattern}/${flags}: ${(error as Error).message}`);
      continue;
    }
    for (const feature of features) {
      if (!runsOn(floor, REGEX_FEATURES[feature])) {
        problems.push(`line ${lineOf(code, at)}: /${pattern}/${flags} uses regex ${feature}`);
      }
    }
  }
  return problems;
}

const cssTargets = (floor: BrowserFloor) =>
  browserslistToTargets([
    `chrome ${floor.chrome}`,
    `safari ${floor.safari}`,
    `ios_saf ${floor.safari}`,
  ]);

/**
 * CSS the floor would read differently. Vite minifies CSS with lightningcss for the same floor,
 * so a built file lowered again must come out unchanged; anything lightningcss still rewrites
 * (`inset`, range media queries, newer colour syntax) is above the floor.
 */
export function checkStyles(code: string, floor: BrowserFloor): string[] {
  const built = code.trim();
  const lowered = transform({
    filename: 'built.css',
    code: Buffer.from(built),
    minify: true,
    targets: cssTargets(floor),
  })
    .code.toString()
    .trim();
  if (built === lowered) return [];
  const at = [...built].findIndex((c, i) => c !== lowered[i]);
  return [`CSS above the floor near: ${built.slice(Math.max(0, at - 40), at + 40)}`];
}

/** Flexbox gap: lightningcss cannot lower it, and a floor without it silently ignores it. */
export const FLEX_GAP_SINCE: BrowserFloor = { chrome: 84, safari: 14.1 };

interface Declaration {
  property: string;
  value: { inside?: { type?: string } };
}

/** Rules that set gap on a flex container, for a floor that has no flexbox gap. */
export function checkFlexGap(code: string, floor: BrowserFloor): string[] {
  if (runsOn(floor, FLEX_GAP_SINCE)) return [];
  const problems: string[] = [];
  transform({
    filename: 'built.css',
    code: Buffer.from(code),
    visitor: {
      Rule: {
        style(rule) {
          const declarations = (rule.value.declarations?.declarations ?? []) as Declaration[];
          const flex = declarations.some(
            (d) => d.property === 'display' && d.value.inside?.type === 'flex',
          );
          const gap = declarations.find((d) => /^(row-|column-)?gap$/.test(d.property));
          if (flex && gap) {
            const selectors = JSON.stringify(rule.value.selectors).slice(0, 80);
            problems.push(`${gap.property} on a flex container (${selectors}): no flexbox gap`);
          }
          return undefined;
        },
      },
    },
  });
  return problems;
}

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}

const ENTRY_PAGES: Record<string, PageName> = { 'index.html': 'main', 'resident.html': 'resident' };

/** Which pages load each file (dist-relative), from Vite's manifest. */
export function pagesOfFiles(dist: string): Map<string, Set<PageName>> {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const pages = new Map<string, Set<PageName>>();
  for (const [entry, page] of Object.entries(ENTRY_PAGES)) {
    const pending = [entry];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const key = pending.pop() as string;
      const chunk = manifest[key];
      if (!chunk || seen.has(key)) continue;
      seen.add(key);
      for (const file of [chunk.file, ...(chunk.css ?? [])]) {
        pages.set(file, (pages.get(file) ?? new Set()).add(page));
      }
      pending.push(...(chunk.imports ?? []), ...(chunk.dynamicImports ?? []));
    }
  }
  return pages;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Every .js file in a built dist, checked for the floor of each page that loads it, and every
 * .css file for the floor the build targets (flexbox gap: for the pages that load it).
 * Files no page's manifest names (the service worker and Workbox) are the collectors' app's.
 */
export function checkDist(
  dist: string,
): { file: string; floor: BrowserFloor; problems: string[] }[] {
  if (!existsSync(join(dist, '.vite', 'manifest.json'))) throw new Error(`no build in ${dist}`);
  const pages = pagesOfFiles(dist);
  return filesUnder(dist)
    .filter((path) => /\.(js|css)$/.test(path))
    .map((path) => {
      const file = relative(dist, path).split('\\').join('/');
      const floor = lowestFloor([...(pages.get(file) ?? ['main'])].map((p) => BROWSER_FLOORS[p]));
      const code = readFileSync(path, 'utf8');
      if (!file.endsWith('.css')) return { file, floor, problems: checkScript(code, floor) };
      // lightningcss also raises CSS for newer browsers (top/left/… back into `inset`), so CSS is
      // held to the floor it was built for, the lowest: whatever passes there passes every page.
      const buildFloor = lowestFloor(Object.values(BROWSER_FLOORS));
      const problems = [...checkStyles(code, buildFloor), ...checkFlexGap(code, floor)];
      return { file, floor, problems };
    });
}
