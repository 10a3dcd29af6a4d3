import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

// apps/pwa/src in layers, lowest first: a module may import its own folder and the layers below
// it, never one above or beside it. The queue (outbox) sits under everything that draws a screen,
// so no screen change can reach the code that must never lose a record. Tests and test kits may
// reach up (a hook's test renders the form that uses it); Biome keeps src/outbox's own tests down.
const LAYERS: readonly (readonly string[])[] = [
  ['api'],
  ['outbox'],
  ['ui'],
  ['outbox-react'],
  // The visit list's rules and screens: the survey opens from it and asks it about a household.
  ['visits'],
  ['survey', 'print'],
  ['interview', 'resident', 'dashboard', 'assessment', 'outbox-screens', 'progress', 'account'],
  ['shell'],
];

const SRC = join(import.meta.dirname, '..', 'src');

function layerOf(folder: string): number {
  return LAYERS.findIndex((layer) => layer.includes(folder));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every `from '…'` and `import('…')` of a file that leaves its folder for another in src. */
function crossFolderImports(file: string, source: string): string[] {
  const from = relative(SRC, file).split('/')[0] as string;
  const specifiers = [...source.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map(
    (m) => m[1] as string,
  );
  return specifiers
    .map((specifier) => relative(SRC, join(file, '..', specifier)).split('/')[0] as string)
    .filter((to) => to !== from && !to.startsWith('..') && !/\.tsx?$/.test(to));
}

describe('apps/pwa/src imports run only down its layers', () => {
  const files = sourceFiles(SRC).filter(
    (file) => relative(SRC, file).includes('/') && !/\.test(-kit)?\.tsx?$/.test(file),
  );

  test('every folder of src has its place in the layers', () => {
    const folders = new Set(files.map((file) => relative(SRC, file).split('/')[0] as string));
    expect([...folders].filter((folder) => layerOf(folder) < 0)).toEqual([]);
  });

  test('no module imports a folder of its own layer or above', () => {
    const upward = files.flatMap((file) => {
      const from = relative(SRC, file).split('/')[0] as string;
      return crossFolderImports(file, readFileSync(file, 'utf8'))
        .filter((to) => layerOf(to) >= layerOf(from))
        .map((to) => `${relative(SRC, file)} → ${to}`);
    });
    expect(upward).toEqual([]);
  });

  test('the check sees an upward import, a dynamic one included', () => {
    const file = join(SRC, 'outbox', 'store.ts');
    expect(crossFolderImports(file, "import { x } from '../ui/format.ts';")).toEqual(['ui']);
    expect(crossFolderImports(file, "const P = lazy(() => import('../shell/App.tsx'));")).toEqual([
      'shell',
    ]);
    expect(crossFolderImports(file, "import { y } from './db.ts';")).toEqual([]);
  });
});
