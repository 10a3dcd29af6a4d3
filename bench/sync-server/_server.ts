// A sync server in its own process for the ingest benchmark, so the load generator does not
// share its event loop. Prints one JSON line { url, cookie, codes } and serves until killed.
import { startTestServer } from '../../apps/sync-server/src/testing.ts';

const server = await startTestServer();
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
