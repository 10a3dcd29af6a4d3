// A sync server in its own process for the export benchmark, filled with RESPONSES survey
// responses (stored through the same ingest path as /api/sync). Prints one JSON line
// { url, canvasser, coordinator, codes, dbPath } and serves until killed; with SEED_ONLY=1 it
// closes the database and exits instead, leaving the file for the compiled server to serve.
import { startTestServer } from '../../apps/sync-server/src/testing.ts';
import { surveyItem } from './_common.ts';

const RESPONSES = Number(process.env.RESPONSES ?? 100_000);
const server = await startTestServer();
const canvasser = await server.login('canvasser');
const coordinator = await server.login('coordinator');
const codes = server.app.repos.communities.list().map((c) => c.code);
const log = { error: () => {}, info: () => {}, warn: () => {} };
const sessionId = server.app.db
  .prepare('SELECT id FROM sessions WHERE user_id = ?')
  .pluck()
  .get(canvasser.userId) as string;
let accepted = 0;
const CHUNK = 2000;
for (let start = 0; start < RESPONSES; start += CHUNK) {
  const items = Array.from({ length: Math.min(CHUNK, RESPONSES - start) }, (_, j) => {
    const i = start + j;
    // Every response its own household, so all of them are counted and exported.
    return {
      ...surveyItem(i, codes[i % codes.length] as string),
      householdAddress: `${Math.floor(i / 400) + 1}号楼${Math.floor((i % 400) / 20) + 1}单元${(i % 20) + 101}室`,
    };
  });
  const results = await server.app.ingest(
    items,
    {
      receivedAt: new Date().toISOString(),
      userId: canvasser.userId,
      sessionId,
      source: 'sync',
      exportedBy: null,
      communities: 'all',
      kinds: new Set(['survey'] as const),
    },
    log as never,
  );
  accepted += results.filter((r) => r.status === 'accepted').length;
}
if (accepted !== RESPONSES) throw new Error(`only ${accepted} of ${RESPONSES} responses stored`);
server.app.db.pragma('wal_checkpoint(TRUNCATE)');
const info = {
  url: server.url,
  canvasser: canvasser.cookie,
  coordinator: coordinator.cookie,
  codes,
  dbPath: server.dbPath,
};
if (process.env.SEED_ONLY === '1') {
  // Not server.close(): that deletes the directory the file is in.
  await server.app.close();
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.exit(0);
}
process.stdout.write(`${JSON.stringify(info)}\n`);
const stop = () => {
  server.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
