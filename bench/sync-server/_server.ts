// A sync server in its own process for the ingest benchmark, so the load generator does not
// share its event loop. Prints one JSON line { url, cookie, codes } and serves until killed.
import { startTestServer } from '../../apps/sync-server/src/testing.ts';

// As the compiled server runs: batches stored on the sync writer's thread
// (BENCH_WRITER=main stores them on the main thread, as the server run from source does).
const server = await startTestServer({ syncWriter: process.env.BENCH_WRITER !== 'main' });
// BENCH_WITHOUT=index1,trigger2: an A/B of what a migration added, in the same minutes: the
// named indexes and triggers are dropped before the first request.
for (const name of (process.env.BENCH_WITHOUT ?? '').split(',').filter(Boolean)) {
  const kind = server.app.db
    .prepare<[string], string>('SELECT type FROM sqlite_master WHERE name = ?')
    .pluck()
    .get(name);
  if (kind !== 'index' && kind !== 'trigger')
    throw new Error(`BENCH_WITHOUT: no index or trigger ${name}`);
  server.app.db.exec(`DROP ${kind.toUpperCase()} ${name}`);
}
const { cookie } = await server.login('canvasser');
const codes = server.app.repos.communities.list().map((c) => c.code);
process.stdout.write(
  `${JSON.stringify({ url: server.url, cookie, codes, dbPath: server.dbPath })}\n`,
);
const stop = () => {
  server.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
