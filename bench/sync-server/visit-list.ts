// The canvassers' visit list of a 3,000-household community (issue 11): the register, 900
// counted surveys, 1,200 visit outcomes and a drawn sample, answered through the whole request
// (role check, four queries in one read transaction, merge and sort, fast-json-stringify).
// Then GET /api/coverage with those visits (visits by outcome, 回访, the sample's counts).
// Target: visit list p95 under 100 ms on this machine (the phone refreshes it when online).
// Run: npx tsx bench/sync-server/visit-list.ts
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { sampleSurvey } from '@jiuting/questionnaire/testing';
import { buildTestApp, CLIENT_HEADERS, loginAs } from '../../apps/sync-server/src/testing.ts';
import { machine, median, percentile } from './_common.ts';

const HOUSEHOLDS = Number(process.env.HOUSEHOLDS ?? 3_000);
const RUNS = Number(process.env.RUNS ?? 100);

const lines = ['小区/自然村,路,弄,号,单元,室,状态'];
const addresses: string[] = [];
for (let i = 0; i < HOUSEHOLDS; i += 1) {
  // 25 buildings × 4 units × 30 rooms; every 20th 空置.
  const building = 1 + (i % 25);
  const unit = 1 + (Math.floor(i / 25) % 4);
  const room = 101 + Math.floor(i / 100);
  lines.push(`九亭小区,涞寅路,100,${building},${unit},${room},${i % 20 === 0 ? '空置' : '居住'}`);
  addresses.push(`九亭小区·100弄${building}号${unit}单元${room}室`);
}

const { app, cleanup } = await buildTestApp();
try {
  const coordinator = await loginAs(app, 'coordinator');
  const canvasser = await loginAs(app, 'canvasser', ['DEMO01']);
  const call = (who: { cookie: string }, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: { ...CLIENT_HEADERS, cookie: who.cookie }, payload });
  const imported = await call(coordinator, 'POST', '/api/communities/DEMO01/register/import', {
    file: { name: '户册.csv', base64: Buffer.from(lines.join('\r\n')).toString('base64') },
  });
  if (imported.statusCode !== 200) throw new Error(imported.body);
  await call(coordinator, 'POST', '/api/communities/DEMO01/sample', { seed: 2025 });
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < 900; i += 1) {
    items.push(sampleSurvey({ communityCode: 'DEMO01', householdAddress: addresses[i * 3] }));
  }
  const outcomes = ['not_home', 'refused', 'vacant', 'not_home'];
  for (let i = 0; i < 1_200; i += 1) {
    items.push({
      kind: 'visit',
      id: randomUUID(),
      communityCode: 'DEMO01',
      householdAddress: addresses[(i * 7 + 1) % HOUSEHOLDS],
      outcome: outcomes[i % outcomes.length],
      collectedAt: new Date(Date.UTC(2025, 10, 20, 2) + i * 60_000).toISOString(),
    });
  }
  for (let start = 0; start < items.length; start += 500) {
    const res = await call(canvasser, 'POST', '/api/sync', {
      items: items.slice(start, start + 500),
    });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
  const time = async (url: string) => {
    const times: number[] = [];
    let bytes = 0;
    let gzipped = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const t = performance.now();
      const res = await call(canvasser, 'GET', url);
      times.push(performance.now() - t);
      if (res.statusCode !== 200) throw new Error(res.body);
      bytes = res.rawPayload.length;
      if (i === 0) gzipped = gzipSync(res.rawPayload).length;
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { median: median(times), p95: percentile(sorted, 95), bytes, gzipped };
  };
  console.log(`\nvisit list, ${HOUSEHOLDS} households, on ${machine()}`);
  const list = await time('/api/communities/DEMO01/visit-list');
  console.log(
    `  GET visit-list   median ${list.median.toFixed(1)} ms, p95 ${list.p95.toFixed(1)} ms, ${(list.bytes / 1024).toFixed(0)} KB of JSON (${(list.gzipped / 1024).toFixed(0)} KB gzipped, as nginx sends it)`,
  );
  const coverage = await time('/api/coverage');
  console.log(
    `  GET coverage     median ${coverage.median.toFixed(1)} ms, p95 ${coverage.p95.toFixed(1)} ms (visits and sample cached between writes)`,
  );
  console.log('  target: visit list p95 under 100 ms');
} finally {
  await cleanup();
}
