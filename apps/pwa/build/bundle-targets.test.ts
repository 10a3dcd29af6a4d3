// @vitest-environment node
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSER_FLOORS } from './browser-floors.ts';
import { checkDist, checkFlexGap, checkScript, checkStyles } from './bundle-targets.ts';

const { resident, main } = BROWSER_FLOORS;

describe('the bundle check refuses what the floor cannot run', () => {
  it('refuses a lookbehind literal, the bug that blanked the page on iOS 16.3 and older', () => {
    const problems = checkScript('export const s = (t) => t.replace(/(?<=[^0-9]) /g, "");', main);
    expect(problems).toEqual([expect.stringContaining('lookbehind')]);
  });

  it('refuses a lookbehind that the build turned into RegExp(`…`) to survive parsing', () => {
    expect(checkScript('const m = RegExp(`(?<![0-9])1[3-9]`);', resident)).toEqual([
      expect.stringContaining('lookbehind'),
    ]);
    expect(checkScript('const m = new RegExp("(?<=a)b", "g");', resident)).toEqual([
      expect.stringContaining('lookbehind'),
    ]);
  });

  it('refuses the d and v flags below their browsers, and accepts lookahead and named groups', () => {
    expect(checkScript('/a/d.exec("a");', main)).not.toEqual([]);
    expect(checkScript('/[a--b]/v.test("a");', main)).not.toEqual([]);
    expect(checkScript('/(?<year>[0-9]{4})(?=年)/u.test("2026年");', resident)).toEqual([]);
  });

  it('refuses syntax above each page’s own floor', () => {
    // ||= arrived in Chrome 85: fine for the collectors' app (87), not the residents' page (80).
    const logicalAssignment = 'let a; a ||= 1;';
    expect(checkScript(logicalAssignment, main)).toEqual([]);
    expect(checkScript(logicalAssignment, resident)).toEqual([
      expect.stringContaining('syntax above ES2020'),
    ]);
    // Class static blocks: Safari 16.4.
    expect(checkScript('class A { static { this.x = 1; } }', main)).not.toEqual([]);
    expect(checkScript('const b = a?.b ?? 1;', resident)).toEqual([]);
  });

  it('refuses CSS `inset`, which left the dialog backdrop short on Chrome 86', () => {
    expect(checkStyles('.dialog-backdrop{position:fixed;inset:0}', resident)).toEqual([
      expect.stringContaining('inset'),
    ]);
    expect(
      checkStyles('.dialog-backdrop{position:fixed;top:0;bottom:0;left:0;right:0}', resident),
    ).toEqual([]);
  });

  it('refuses flexbox gap below Chrome 84 / Safari 14.1 (the option cards touched), not grid gap', () => {
    const css = '.options{flex-direction:column;gap:6px;display:flex}.boxes{gap:8px;display:grid}';
    expect(checkFlexGap(css, resident)).toEqual([expect.stringContaining('no flexbox gap')]);
    expect(checkFlexGap('.boxes{gap:8px;display:grid}', resident)).toEqual([]);
    expect(checkFlexGap(css, main)).toEqual([]);
  });

  it('holds a chunk shared by both pages to the residents’ floor, found through Vite’s manifest', () => {
    const dist = mkdtempSync(join(tmpdir(), 'jiuting-dist-'));
    mkdirSync(join(dist, '.vite'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, '.vite', 'manifest.json'),
      JSON.stringify({
        'index.html': { file: 'assets/main.js', imports: ['_shared.js'], isEntry: true },
        'resident.html': { file: 'assets/resident.js', imports: ['_shared.js'], isEntry: true },
        '_shared.js': { file: 'assets/shared.js' },
      }),
    );
    writeFileSync(join(dist, 'assets', 'main.js'), 'let a; a ??= 1;');
    writeFileSync(join(dist, 'assets', 'resident.js'), 'export {};');
    writeFileSync(join(dist, 'assets', 'shared.js'), 'let b; b &&= 2;');
    writeFileSync(join(dist, 'sw.js'), 'self.x = /(?<=a)b/;');
    const problems = Object.fromEntries(checkDist(dist).map((r) => [r.file, r.problems.length]));
    expect(problems).toEqual({
      'assets/main.js': 0,
      'assets/resident.js': 0,
      'assets/shared.js': 1,
      'sw.js': 1,
    });
  });
});
