import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { writeCsv } from './export-worker.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('writes every line’s UTF-8 bytes in order, however the lines fall across its writes', () => {
  dir = mkdtempSync(join(tmpdir(), 'csv-write-'));
  const path = join(dir, 'out.csv');
  // Chinese (3 bytes a character), an emoji (a surrogate pair, 4 bytes), quotes and CRLFs, and
  // one line longer than a whole write: each write's end falls somewhere new.
  const lines = [
    '\uFEFF编号,居民区,意见\r\n',
    ...Array.from({ length: 20_000 }, (_, i) => `${i},九亭${i % 7}居,"停车难 ""第${i}条"" 😀"\r\n`),
    `9999,长意见,${'路灯坏了'.repeat(40_000)}\r\n`,
    ...Array.from({ length: 500 }, (_, i) => `${i},尾,${'噪'.repeat(i)}\r\n`),
  ];
  const reported: number[] = [];
  writeCsv(path, lines, (bytes) => reported.push(bytes));
  const file = readFileSync(path);
  expect(file.equals(Buffer.from(lines.join(''), 'utf8'))).toBe(true);
  // Sent while written: each report is more of the file, never past its end.
  expect(reported.length).toBeGreaterThan(2);
  expect(reported).toEqual([...reported].sort((a, b) => a - b));
  expect(new Set(reported).size).toBe(reported.length);
  expect(reported.at(-1)).toBeLessThanOrEqual(file.length);
});
