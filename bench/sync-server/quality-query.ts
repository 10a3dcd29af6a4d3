// GET /api/quality and the review list filtered by a quality flag, at a year's responses (the
// town's 27 communities at 30% coverage are about 12,000; 30,000 by default leaves room): the
// whole request through app.inject, median and p95. Both read every response of the year and
// run the questionnaire package's signals over them, once per change of the data (kept until
// then): measured polled with no write between, and with a response stored before each poll.
// Run: npx tsx bench/sync-server/quality-query.ts
import { randomUUID } from 'node:crypto';
import { shanghaiDay } from '@jiuting/questionnaire';
import { buildTestApp, createUser, loginAs } from '../../apps/sync-server/src/testing.ts';
import { machine, percentile } from './_common.ts';

const RESPONSES = Number(process.env.RESPONSES ?? 30_000);
const RUNS = Number(process.env.RUNS ?? 30);
const ANSWERS = {
  q1: 'A',
  q2: 'C',
  q3: 'A',
  q4: 'C',
  q5: 'B',
  q6: 'C',
  q7: 'B',
  q8: 'B',
  q9: 'C',
  q10: ['I'],
  q11: ['F'],
};
const BEST = { ...ANSWERS, q4: 'A', q5: 'D', q6: 'D', q7: 'D', q8: 'A', q9: 'A' };

const { app, cleanup } = await buildTestApp();
try {
  const codes = app.repos.communities.list().map((c) => c.code);
  const canvassers = await Promise.all(
    Array.from({ length: 54 }, (_, i) => createUser(app, 'canvasser', [codes[i >> 1] as string])),
  );
  app.db.transaction(() => {
    for (let i = 0; i < RESPONSES; i += 1) {
      const community = codes[i % codes.length] as string;
      // Visits spread over 60 days from 08:00 to 20:00; one in ten a QR answer.
      const collectedAt = new Date(
        Date.UTC(2025, 9, 1) + (i % 60) * 86_400_000 + (i % 720) * 60_000,
      ).toISOString();
      const qr = i % 10 === 0;
      const answers = i % 7 === 0 ? BEST : ANSWERS;
      app.repos.submissions.insertResponse({
        assessmentYear: 2025,
        id: randomUUID(),
        contentHash: 'x'.repeat(64),
        content: JSON.stringify({ householdAddress: `${i % 97}号${i}室`, answers }),
        communityCode: community,
        householdKey: `${i % 97}号${i}室`,
        channel: qr ? 'qr' : 'door',
        collectedAt,
        collectedDay: shanghaiDay(collectedAt),
        score: i % 7 === 0 ? 100 : 56,
        receivedAt: collectedAt,
        userId: qr ? null : (canvassers[(i % codes.length) * 2 + (i % 2)]?.id as string),
        sessionId: null,
        source: qr ? 'qr' : 'sync',
        exportedBy: null,
        startedAt: new Date(Date.parse(collectedAt) - (20 + (i % 400)) * 1000).toISOString(),
        answerChanges: i % 3,
        fingerprint: qr ? `f${i % 500}` : null,
      });
    }
  })();
  const { cookie } = await loginAs(app, 'coordinator');
  let extra = 0;
  /** A phone's response stored between two polls: the kept report no longer holds. */
  const storeOne = () => {
    const collectedAt = new Date(Date.UTC(2025, 10, 1) + extra * 60_000).toISOString();
    extra += 1;
    app.repos.submissions.insertResponse({
      id: randomUUID(),
      contentHash: 'x'.repeat(64),
      content: JSON.stringify({ householdAddress: `新${extra}号`, answers: ANSWERS }),
      communityCode: codes[0] as string,
      householdKey: `新${extra}号`,
      channel: 'door',
      collectedAt,
      collectedDay: shanghaiDay(collectedAt),
      score: 56,
      receivedAt: collectedAt,
      userId: canvassers[0]?.id as string,
      sessionId: null,
      source: 'sync',
      exportedBy: null,
      assessmentYear: 2025,
    });
  };
  const timed = async (url: string, afterWrite = false) => {
    const first = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body}`);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      if (afterWrite) storeOne();
      const t = performance.now();
      await app.inject({ method: 'GET', url, headers: { cookie } });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return `median ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`;
  };
  console.log(`\nquality signals at ${RESPONSES} responses, 27 communities, on ${machine()}`);
  // Kept: polls with no write between (the report is kept until the data changes); after a
  // write: a response stored before each poll, so each one recomputes.
  for (const afterWrite of [false, true]) {
    const when = afterWrite ? 'a response stored before each' : 'polled, no write between';
    console.log(`  ${when}:`);
    console.log(
      `    GET /api/quality?year=2025                 ${await timed('/api/quality?year=2025', afterWrite)}   (target p95 < 1000)`,
    );
    console.log(
      `    GET /api/review/responses?flag=too_fast    ${await timed('/api/review/responses?flag=too_fast', afterWrite)}   (target p95 < 1000)`,
    );
  }
  // The yardstick, in the same run: what the first report after a write cost before the flags
  // were kept (migration 051), reading the whole year and running the signals over it.
  const { qualityReport } = await import('../../apps/sync-server/src/services/quality.ts');
  const recount: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 10); i += 1) {
    const t = performance.now();
    qualityReport(app.repos.quality.responsesOfYear(2025), {});
    recount.push(performance.now() - t);
  }
  recount.sort((a, b) => a - b);
  console.log(
    `  yardstick: the report recomputed from the whole year, as before     median ${percentile(recount, 50).toFixed(0)} ms, p95 ${percentile(recount, 95).toFixed(0)} ms`,
  );
} finally {
  await cleanup();
}
