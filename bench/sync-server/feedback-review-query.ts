// The residents' feedback views and the review list at a full year (100,000 responses over 27
// communities, a third of them with texts): the whole request through app.inject, median and
// p95, beside the yardstick of the same texts read from the stored JSON as before (migration 029).
// Run: npx tsx bench/sync-server/feedback-review-query.ts  (RESPONSES=20000 for a quick look)
import { randomUUID } from 'node:crypto';
import { shanghaiDay } from '@jiuting/questionnaire';
import { reviewRepository } from '../../apps/sync-server/src/repositories/review.ts';
import { buildTestApp, createUser, loginAs } from '../../apps/sync-server/src/testing.ts';
import { ANSWER_SETS, machine, percentile } from './_common.ts';

const RESPONSES = Number(process.env.RESPONSES ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 40);

const { app, cleanup } = await buildTestApp();
try {
  const codes = app.repos.communities.list().map((c) => c.code);
  const canvassers = await Promise.all(
    Array.from({ length: 54 }, (_, i) => createUser(app, 'canvasser', [codes[i >> 1] as string])),
  );
  const t0 = performance.now();
  app.db.transaction(() => {
    for (let i = 0; i < RESPONSES; i += 1) {
      // 60 days of visits in arrival order, 08:00 to 20:00 Beijing time.
      const day = Math.floor((i * 60) / RESPONSES);
      const collectedAt = new Date(
        Date.UTC(2025, 9, 1) + day * 86_400_000 + (i % 720) * 60_000,
      ).toISOString();
      // One household in twenty answers twice: repeats are not in the views.
      const key = i % 20 === 0 ? `${(i >> 5) % 50}号101室` : `${i % 97}号${i}室`;
      app.repos.submissions.insertResponse({
        id: randomUUID(),
        contentHash: 'x'.repeat(64),
        content: JSON.stringify({ householdAddress: key, answers: ANSWER_SETS[i % 3] }),
        communityCode: codes[i % codes.length] as string,
        householdKey: key,
        channel: 'door',
        collectedAt,
        collectedDay: shanghaiDay(collectedAt),
        score: 80,
        receivedAt: collectedAt,
        userId: canvassers[(i % codes.length) * 2]?.id as string,
        sessionId: null,
        source: 'sync',
        exportedBy: null,
        assessmentYear: 2025,
      });
    }
  })();
  console.log(`loaded ${RESPONSES} responses in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  const { cookie } = await loginAs(app, 'coordinator');

  const measure = async (run: () => Promise<unknown> | unknown) => {
    await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { median: percentile(times, 50), p95: percentile(times, 95) };
  };
  const get = (url: string) => async () => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const line = (what: string, m: { median: number; p95: number }, target: string) =>
    console.log(
      `  ${what.padEnd(58)} median ${m.median.toFixed(1).padStart(6)} ms, p95 ${m.p95.toFixed(1).padStart(6)} ms   (${target})`,
    );

  console.log(`\nfeedback and review at ${RESPONSES} responses, 27 communities, on ${machine()}`);
  const search = encodeURIComponent('电瓶车');
  const short = encodeURIComponent('停车');
  const rare = encodeURIComponent('没有人写过');
  const total = (await get('/api/feedback/texts')()).total as number;
  const found = (await get(`/api/feedback/texts?q=${search}`)()).total as number;
  console.log(`  (${total} texts kept, ${found} with 电瓶车)`);
  line('GET /api/feedback/texts', await measure(get('/api/feedback/texts')), 'target < 50');
  line(
    'GET /api/feedback/texts?page=200',
    await measure(get('/api/feedback/texts?page=200')),
    'target < 50',
  );
  line(
    'GET /api/feedback/texts?q=电瓶车 (trigram index)',
    await measure(get(`/api/feedback/texts?q=${search}`)),
    'target < 50',
  );
  line(
    'GET /api/feedback/texts?q=没有人写过 (no match)',
    await measure(get(`/api/feedback/texts?q=${rare}`)),
    'target < 50',
  );
  line(
    'GET /api/feedback/texts?q=停车 (2 characters: LIKE scan)',
    await measure(get(`/api/feedback/texts?q=${short}`)),
    'target < 50',
  );
  line(
    `GET /api/feedback/texts?community=${codes[3]}`,
    await measure(get(`/api/feedback/texts?community=${codes[3]}`)),
    'target < 50',
  );
  line('GET /api/feedback/tallies', await measure(get('/api/feedback/tallies')), 'target < 50');

  // The yardstick: counting the same texts from every counted response's JSON, as before.
  const fromJson = app.db.prepare(
    `SELECT count(*) FROM (${['q12', 'q10Other', 'q11Other']
      .map(
        (f) =>
          `SELECT json_extract(content, '$.answers.${f}') AS text FROM responses WHERE counted = 1`,
      )
      .join(' UNION ALL ')}) WHERE text IS NOT NULL AND trim(text) <> ''`,
  );
  const runs = RUNS;
  const jsonTimes: number[] = [];
  for (let i = 0; i < Math.min(5, runs); i += 1) {
    const t = performance.now();
    fromJson.get();
    jsonTimes.push(performance.now() - t);
  }
  jsonTimes.sort((a, b) => a - b);
  console.log(
    `  yardstick: counting the texts from the JSON as before      median ${percentile(jsonTimes, 50).toFixed(1)} ms (the old view did this twice per request)`,
  );

  const deep = Math.min(49_950, Math.floor(RESPONSES / 2));
  line(
    'GET /api/review/responses (page 1, total)',
    await measure(get('/api/review/responses')),
    'target < 20',
  );
  line(
    `GET /api/review/responses?community=${codes[3]}`,
    await measure(get(`/api/review/responses?community=${codes[3]}`)),
    'target < 20',
  );
  line(
    'GET /api/review/responses?status=valid',
    await measure(get('/api/review/responses?status=valid')),
    'target < 20',
  );
  line(
    `GET /api/review/responses?page=${deep / 50 + 1} (offset ${deep})`,
    await measure(get(`/api/review/responses?page=${deep / 50 + 1}`)),
    'target < 20',
  );
  // The same page reached by cursor, as the review screen's 下一页 asks for it.
  const cursorSeq = app.db
    .prepare('SELECT seq FROM responses ORDER BY seq DESC LIMIT 1 OFFSET ?')
    .pluck()
    .get(deep - 1) as number;
  line(
    'GET /api/review/responses?cursor=… (the same page by cursor)',
    await measure(get(`/api/review/responses?page=1000&cursor=${cursorSeq}`)),
    'target < 20',
  );
  // A page's quality flags: the rows that decide them, read through the indexes of migration
  // 050, beside the query before it (an OR of the page's collectors and fingerprints over their
  // whole span of days, which no index served: NOT INDEXED gives it the plan it had then).
  const pageIds = (await get('/api/review/responses')()).items.map(
    (item: { id: string }) => item.id,
  );
  const flagRows = app.repos.quality.responsesAround(pageIds).length;
  line(
    `  flags of page 1: responsesAround (${flagRows} rows)`,
    await measure(() => app.repos.quality.responsesAround(pageIds)),
    'target < 20',
  );
  const deepIds = (await get(`/api/review/responses?cursor=${cursorSeq}`)()).items.map(
    (item: { id: string }) => item.id,
  );
  const deepRows = app.repos.quality.responsesAround(deepIds).length;
  line(
    `  flags of the deep page: responsesAround (${deepRows} rows)`,
    await measure(() => app.repos.quality.responsesAround(deepIds)),
    'target < 20',
  );
  const before = app.db.prepare(
    `WITH listed AS (
       SELECT id, user_id, client_fingerprint, collected_day FROM responses
       WHERE id IN (SELECT value FROM json_each(?)))
     SELECT r.id, r.scored FROM responses r NOT INDEXED
     WHERE r.id IN (SELECT id FROM listed)
       OR ((r.user_id IN (SELECT user_id FROM listed WHERE user_id IS NOT NULL)
            OR r.client_fingerprint IN
              (SELECT client_fingerprint FROM listed WHERE client_fingerprint IS NOT NULL))
           AND r.collected_day BETWEEN (SELECT date(min(collected_day), '-1 day') FROM listed)
                                   AND (SELECT date(max(collected_day), '+1 day') FROM listed))`,
  );
  const beforeRows = before.all(JSON.stringify(pageIds)).length;
  line(
    `  yardstick: the query before migration 050 (${beforeRows} rows)`,
    await measure(() => before.all(JSON.stringify(pageIds))),
    '—',
  );
  // The list's own SQL (count + page), without the quality flags each page also computes.
  const review = reviewRepository(app.db, app.repos.submissions);
  const base = { status: 'all' as const, limit: 50, offset: 0 };
  line('  SQL: count + page 1', await measure(() => review.listResponses(base)), 'target < 20');
  line(
    `  SQL: community ${codes[3]}, count + page 1`,
    await measure(() => review.listResponses({ ...base, community: codes[3] })),
    'target < 20',
  );
  line(
    '  SQL: status=valid, count + page 1',
    await measure(() => review.listResponses({ ...base, status: 'valid' })),
    'target < 20',
  );
  line(
    `  SQL: count + page at offset ${deep}`,
    await measure(() => review.listResponses({ ...base, offset: deep })),
    'target < 20',
  );
  line(
    '  SQL: count + the same page by cursor',
    await measure(() => review.listResponses({ ...base, cursor: String(cursorSeq) })),
    'target < 20',
  );
} finally {
  await cleanup();
}
