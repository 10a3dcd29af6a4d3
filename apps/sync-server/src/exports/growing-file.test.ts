import { appendFileSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { GrowingFile } from './growing-file.ts';

// The route sends a CSV from this while the export's worker is still writing it; what the
// coordinator downloads must be exactly the file, and a failed export must not look finished.

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function newFile(): { path: string; reader: GrowingFile } {
  dir = mkdtempSync(join(tmpdir(), 'growing-'));
  const path = join(dir, 'file.csv');
  writeFileSync(path, '');
  const fd = openSync(path, 'r');
  return { path, reader: new GrowingFile(fd) };
}

/** What the stream has given so far, and all of it once it ends. */
function collect(reader: GrowingFile): { text: () => string; ended: Promise<string> } {
  const chunks: Buffer[] = [];
  reader.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<string>((resolve, reject) => {
    reader.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    reader.once('error', reject);
  });
  return { text: () => Buffer.concat(chunks).toString('utf8'), ended };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

it('gives exactly the bytes written, as they are said to be written, and ends when complete', async () => {
  const { path, reader } = newFile();
  const got = collect(reader);
  const parts = [
    '\uFEFF编号,居民区\r\n',
    'JT01,九亭一居\r\n'.repeat(20_000),
    'JT02,"多些""篮球场"""\r\n',
  ];
  let written = 0;
  for (const part of parts) {
    appendFileSync(path, part);
    written += Buffer.byteLength(part);
    reader.grown(written);
    await settle();
    expect(got.text()).toBe(parts.slice(0, parts.indexOf(part) + 1).join(''));
  }
  reader.complete();
  expect(await got.ended).toBe(parts.join(''));
});

it('never reads past what the writer said is on disk', async () => {
  const { path, reader } = newFile();
  const got = collect(reader);
  appendFileSync(path, 'abc,def\r\n');
  reader.grown(4);
  await settle();
  expect(got.text()).toBe('abc,');
  reader.complete();
  expect(await got.ended).toBe('abc,def\r\n');
});

it('ends with the error, not as a finished file, when the export fails part way', async () => {
  const { path, reader } = newFile();
  const got = collect(reader);
  appendFileSync(path, 'JT01,九亭一居\r\n');
  reader.grown(Buffer.byteLength('JT01,九亭一居\r\n'));
  await settle();
  // Written and failed before anything was read: the written part still comes first.
  appendFileSync(path, 'JT02,九亭二居\r\n');
  reader.grown(2 * Buffer.byteLength('JT01,九亭一居\r\n'));
  reader.fail(new Error('问卷 x 的答案无法计分，请先核对该记录'));
  await expect(got.ended).rejects.toThrow('无法计分');
  expect(got.text()).toBe('JT01,九亭一居\r\nJT02,九亭二居\r\n');
  expect(reader.destroyed).toBe(true);
});
