// Importing the town's household register: 30,000 households in one community's file, the
// whole request through app.inject (base64 upload, UTF-8 decode, CSV parse, the address
// normaliser on every line, duplicate check, one transaction with its audit row). Then again
// as a re-import of the same file (every row updated in place). Target: under 5 s.
// Run: npx tsx bench/sync-server/register-import.ts
import { buildTestApp, CLIENT_HEADERS, loginAs } from '../../apps/sync-server/src/testing.ts';
import { machine } from './_common.ts';

const HOUSEHOLDS = Number(process.env.HOUSEHOLDS ?? 30_000);

const lines = ['小区/自然村,路,弄,号,单元,室,状态'];
for (let i = 0; i < HOUSEHOLDS; i += 1) {
  // Estates of 30 buildings × 6 units × 24 rooms along two lanes, and village houses.
  if (i % 10 === 9) lines.push(`新姚村,,,${1 + (i % 12)}组${i},,,居住`);
  else {
    const lane = i % 2 === 0 ? 100 : 200;
    const building = 1 + ((i >> 1) % 30);
    const unit = 1 + ((i >> 6) % 6);
    const room = 101 + (i % 37) * 100 + Math.floor(i / 2220);
    lines.push(
      `九亭小区,涞寅路,${lane},${building},${unit},${room},${i % 15 === 0 ? '空置' : '居住'}`,
    );
  }
}
const csv = `${lines.join('\r\n')}\r\n`;

const { app, cleanup } = await buildTestApp();
try {
  const { cookie } = await loginAs(app, 'coordinator');
  const payload = {
    file: { name: '户册.csv', base64: Buffer.from(csv, 'utf8').toString('base64') },
  };
  const run = async (label: string) => {
    const t = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: '/api/communities/DEMO01/register/import',
      headers: { ...CLIENT_HEADERS, cookie },
      payload,
    });
    const ms = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body.slice(0, 500)}`);
    console.log(`  ${label.padEnd(12)} ${(ms / 1000).toFixed(2)} s   ${res.body}`);
    return ms;
  };
  console.log(
    `\nregister import, ${HOUSEHOLDS} households (${(csv.length / 1e6).toFixed(1)} MB of CSV), on ${machine()}`,
  );
  await run('first import');
  await run('re-import');
  console.log('  target: under 5 s each');
} finally {
  await cleanup();
}
