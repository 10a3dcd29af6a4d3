// Test-only, run as its own Node process by resident.test-kit.ts: a real sync server with the demo
// communities. The resident page's tests run in happy-dom, where Vite rewrites the server's
// `new URL('…', import.meta.url)` file lookups for the browser, so the server cannot run in the
// test's own process. It prints one line of JSON and stops when its stdin closes.
import { startTestServer } from '@jiuting/sync-server/testing';

const server = await startTestServer();
const coordinator = await server.login('coordinator');
process.stdout.write(`${JSON.stringify({ url: server.url, cookie: coordinator.cookie })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
