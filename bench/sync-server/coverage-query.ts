// GET /api/coverage at 100,000 responses across 27 communities (plus interviews and 60
// collectors over 30 days, and the town's household registers: 30,000 households over the 27
// communities, REGISTER_HOUSEHOLDS=0 for none): the whole request through app.inject (session lookup, three
// aggregate queries, the package's coverage arithmetic, response validation), median and p95.
// Run: npx tsx bench/sync-server/coverage-query.ts
import { randomUUID } from 'node:crypto';
import { INTERVIEW_GROUP_IDS, parseHouseholdAddress, shanghaiDay } from '@jiuting/questionnaire';
import { registerHouseholdOf } from '../../apps/sync-server/src/tables/register-file.ts';
import { buildTestApp, createUser, loginAs } from '../../apps/sync-server/src/testing.ts';
import { machine, percentile } from './_common.ts';

const RESPONSES = Number(process.env.RESPONSES ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 300);
const REGISTER_HOUSEHOLDS = Number(process.env.REGISTER_HOUSEHOLDS ?? 30_000);

const { app, cleanup } = await buildTestApp();
try {
  const codes = app.repos.communities.list().map((c) => c.code);
  // Two canvassers per community and one interviewer per two communities, as the town staffs it.
  const canvassers = await Promise.all(
    Array.from({ length: 54 }, (_, i) => createUser(app, 'canvasser', [codes[i >> 1] as string])),
  );
  const interviewers = await Promise.all(
    Array.from({ length: 14 }, (_, i) =>
      createUser(app, 'interviewer', codes.slice(i * 2, i * 2 + 2)),
    ),
  );
  const t0 = performance.now();
  app.db.transaction(() => {
    for (let i = 0; i < RESPONSES; i += 1) {
      const community = codes[i % codes.length] as string;
      const collectedAt = new Date(
        Date.UTC(2025, 10, 1) + (i % 30) * 86_400_000 + (i % 600) * 60_000,
      ).toISOString();
      // About one household in twenty answers twice: repeats are part of the load.
      const household =
        i % 20 === 0
          ? `${(i >> 5) % 50}号${101 + ((i >> 5) % 9)}室`
          : `${i % 97}号${Math.floor(i / 97)}室`;
      app.repos.submissions.insertResponse({
        assessmentYear: 2025,
        id: randomUUID(),
        contentHash: 'x'.repeat(64),
        content: '{}',
        communityCode: community,
        householdKey: household,
        channel: i % 10 === 0 ? 'qr' : 'door',
        collectedAt,
        collectedDay: shanghaiDay(collectedAt),
        score: (i * 37) % 101,
        receivedAt: collectedAt,
        // One in ten is a resident's own answer by QR code.
        userId: i % 10 === 0 ? null : (canvassers[(i % codes.length) * 2 + (i % 2)]?.id as string),
        sessionId: null,
        source: i % 10 === 0 ? 'qr' : 'sync',
        exportedBy: null,
      });
    }
    for (let i = 0; i < codes.length * 25; i += 1) {
      app.repos.submissions.insertInterview({
        assessmentYear: 2025,
        id: randomUUID(),
        contentHash: 'x'.repeat(64),
        content: '{}',
        communityCode: codes[i % codes.length] as string,
        group: INTERVIEW_GROUP_IDS[i % INTERVIEW_GROUP_IDS.length] as string,
        method: 'home',
        view: 'ABCD'[i % 4] as string,
        date: `2025-11-${String(1 + (i % 28)).padStart(2, '0')}`,
        collectedAt: '2025-11-20T10:00:00+08:00',
        receivedAt: '2025-11-20T02:00:00.000Z',
        userId: interviewers[(i % codes.length) >> 1]?.id as string,
        sessionId: null,
        source: 'sync',
        exportedBy: null,
      });
    }
  })();
  // Registers whose households are the keys the responses use (`12号345室`), so most responses
  // are in a register and some are 册外.
  const perCommunity = Math.floor(REGISTER_HOUSEHOLDS / codes.length);
  app.db.transaction(() => {
    for (const code of perCommunity > 0 ? codes : []) {
      const households = Array.from({ length: perCommunity }, (_, j) => {
        const parsed = parseHouseholdAddress(`${j % 97}号${Math.floor(j / 97)}室`);
        if (!parsed) throw new Error('bad bench address');
        return registerHouseholdOf(parsed, j % 15 === 0 ? '空置' : '居住');
      });
      app.repos.registers.importRegister(code, households, '2025-11-01T00:00:00.000Z', null);
    }
  })();
  app.db.pragma('optimize');
  // Let the background checkpoint catch up so the measurement is of the steady state.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  console.log(`loaded ${RESPONSES} responses in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const { cookie } = await loginAs(app, 'coordinator');
  const request = () => app.inject({ method: 'GET', url: '/api/coverage', headers: { cookie } });
  const first = await request();
  const body = first.json();
  if (first.statusCode !== 200 || body.town.responses !== RESPONSES) {
    throw new Error(`unexpected coverage answer: ${first.statusCode} ${body.town?.responses}`);
  }
  for (let i = 0; i < 20; i += 1) await request();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    await request();
    times.push(performance.now() - t);
  }
  const queries: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    app.repos.coverage.responseTotals(2025);
    app.repos.coverage.interviewCounts(2025);
    app.repos.coverage.collectorDays(2025);
    queries.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  queries.sort((a, b) => a - b);
  const registers: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    app.repos.registers.totals(2025);
    registers.push(performance.now() - t);
  }
  registers.sort((a, b) => a - b);
  // The dashboard polls while phones sync: one response stored before each poll, so the cached
  // register totals are recomputed every time (the worst case for that cache).
  const afterWrite: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const collectedAt = new Date(Date.UTC(2025, 10, 20, 2) + i * 1000).toISOString();
    app.repos.submissions.insertResponse({
      assessmentYear: 2025,
      id: randomUUID(),
      contentHash: 'x'.repeat(64),
      content: '{}',
      communityCode: codes[i % codes.length] as string,
      householdKey: `${i % 97}号${9000 + i}室`,
      channel: 'door',
      collectedAt,
      collectedDay: shanghaiDay(collectedAt),
      score: 80,
      receivedAt: collectedAt,
      userId: canvassers[0]?.id as string,
      sessionId: null,
      source: 'sync',
      exportedBy: null,
    });
    const t = performance.now();
    await request();
    afterWrite.push(performance.now() - t);
  }
  afterWrite.sort((a, b) => a - b);
  console.log(
    `\ncoverage at ${RESPONSES} responses, 27 communities, ${body.collectors.length} collectors, ${perCommunity * codes.length} register households, on ${machine()}`,
  );
  console.log(
    `  register totals     median ${percentile(registers, 50).toFixed(2)} ms, p95 ${percentile(registers, 95).toFixed(2)} ms`,
  );
  console.log(
    `  GET /api/coverage   median ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms   (target p95 < 20)`,
  );
  console.log(
    `  GET /api/coverage, a response stored before each poll: median ${percentile(afterWrite, 50).toFixed(2)} ms, p95 ${percentile(afterWrite, 95).toFixed(2)} ms`,
  );
  console.log(
    `  SQL only            median ${percentile(queries, 50).toFixed(2)} ms, p95 ${percentile(queries, 95).toFixed(2)} ms`,
  );
  console.log(
    `  town: ${body.town.surveyedHouseholds} households counted, ${body.town.repeats} repeats`,
  );
} finally {
  await cleanup();
}
