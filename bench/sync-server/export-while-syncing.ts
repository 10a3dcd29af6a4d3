// While a coordinator downloads the full assessment.xlsx of RESPONSES (100,000) responses, a
// phone pings and syncs 20-item batches: their p99 must stay under 200 ms. Also reports the
// export's time and the server process's peak memory (VmHWM) before and after the export.
// Run: npx tsx bench/sync-server/export-while-syncing.ts  (RESPONSES=20000 for a quick look)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_HEADERS } from '../../apps/sync-server/src/testing.ts';
import { machine, percentile, surveyItem } from './_common.ts';

const RESPONSES = Number(process.env.RESPONSES ?? 100_000);
const TARGET_P99_MS = 200;

interface Info {
  url: string;
  canvasser: string;
  coordinator: string;
  codes: string[];
}

function memoryMiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

const started = Date.now();
const child = spawn(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, '_export-server.ts')],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, RESPONSES: String(RESPONSES) },
  },
);
const info = await new Promise<Info>((resolve, reject) => {
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    if (buffer.includes('\n')) resolve(JSON.parse(buffer.split('\n')[0] as string) as Info);
  });
  child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
});
const pid = child.pid as number;
console.log(
  `${machine()}; ${RESPONSES} responses stored in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);

let batchNo = 0;
async function timed(run: () => Promise<Response>): Promise<number> {
  const t0 = performance.now();
  const res = await run();
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return performance.now() - t0;
}
const ping = () => timed(() => fetch(`${info.url}/api/ping`));
const sync = () =>
  timed(() =>
    fetch(`${info.url}/api/sync`, {
      method: 'POST',
      headers: { ...CLIENT_HEADERS, cookie: info.canvasser, 'content-type': 'application/json' },
      body: JSON.stringify({
        items: Array.from({ length: 20 }, (_, i) =>
          surveyItem(RESPONSES + batchNo++ * 20 + i, info.codes[i % info.codes.length] as string),
        ),
      }),
    }),
  );

/** Pings every 50 ms and syncs every 250 ms (one phone each) until `until` settles. */
async function phoneTraffic(until: Promise<unknown>) {
  const pings: number[] = [];
  const syncs: number[] = [];
  let done = false;
  until.finally(() => {
    done = true;
  });
  const loop = async (every: number, run: () => Promise<number>, into: number[]) => {
    while (!done) {
      const t0 = performance.now();
      into.push(await run());
      await new Promise((r) => setTimeout(r, Math.max(0, every - (performance.now() - t0))));
    }
  };
  await Promise.all([loop(50, ping, pings), loop(250, sync, syncs)]);
  return { pings: pings.sort((a, b) => a - b), syncs: syncs.sort((a, b) => a - b) };
}

const idle = await phoneTraffic(new Promise((r) => setTimeout(r, 3000)));
const hwmBefore = memoryMiB(pid, 'VmHWM');
const rssBefore = memoryMiB(pid, 'VmRSS');
const exportStarted = performance.now();
let exportBytes = 0;
const download = fetch(`${info.url}/api/exports/assessment.xlsx`, {
  headers: { cookie: info.coordinator },
}).then(async (res) => {
  if (!res.ok) throw new Error(`export: HTTP ${res.status} ${await res.text()}`);
  exportBytes = (await res.arrayBuffer()).byteLength;
});
const busy = await phoneTraffic(download);
await download;
const exportSeconds = (performance.now() - exportStarted) / 1000;
const hwmAfter = memoryMiB(pid, 'VmHWM');

const row = (what: string, values: number[]) =>
  `| ${what} | ${values.length} | ${percentile(values, 50).toFixed(1)} | ${percentile(values, 99).toFixed(1)} | ${Math.max(...values).toFixed(1)} |`;
console.log('\n| requests | n | p50 ms | p99 ms | max ms |');
console.log('| --- | --- | --- | --- | --- |');
console.log(row('ping, idle', idle.pings));
console.log(row('sync 20 items, idle', idle.syncs));
console.log(row('ping, during the export', busy.pings));
console.log(row('sync 20 items, during the export', busy.syncs));
console.log(
  `\nassessment.xlsx: ${(exportBytes / 1024).toFixed(0)} KiB in ${exportSeconds.toFixed(1)} s; server memory: RSS ${rssBefore} MiB before, peak (VmHWM) ${hwmBefore} → ${hwmAfter} MiB`,
);
child.kill('SIGTERM');
const worst = Math.max(percentile(busy.pings, 99), percentile(busy.syncs, 99));
if (worst >= TARGET_P99_MS) {
  console.log(`✗ p99 during the export ${worst.toFixed(0)} ms ≥ ${TARGET_P99_MS} ms`);
  process.exitCode = 1;
} else {
  console.log(`✓ p99 during the export ${worst.toFixed(0)} ms < ${TARGET_P99_MS} ms`);
}
