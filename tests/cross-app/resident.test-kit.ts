// Test-only: a real sync server in a child process (see resident-test-server.ts), reached with
// Node's own HTTP client (happy-dom's fetch would apply browser CORS rules to the server's
// origin), with fault injection. Imported by the resident page's tests, never by the page.
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Fetch } from '../api/client.ts';

/** What a POST meets: the server, no network, a 500, or an answer lost on the way back. */
export type Fault = 'none' | 'offline' | 'serverError' | 'lostAnswer';

export const CLIENT_HEADERS = { 'x-jiuting-client': '1' } as const;

export function nodeFetch(url: string, init: RequestInit = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers = new Headers(init.headers);
    const req = request(
      url,
      { method: init.method ?? 'GET', headers: Object.fromEntries(headers.entries()) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') responseHeaders.set(name, value);
          }
          resolve(
            new Response(Buffer.concat(chunks).toString('utf8'), {
              status: res.statusCode ?? 0,
              headers: responseHeaders,
            }),
          );
        });
      },
    );
    req.on('error', reject);
    if (typeof init.body === 'string') req.write(init.body);
    req.end();
  });
}

export interface StoredResponse {
  id: string;
  channel: string;
  counted: number;
  source: string;
  content: string;
}

export interface ResidentFixture {
  readonly url: string;
  /** A signed-in coordinator's `Cookie` header value. */
  readonly coordinatorCookie: string;
  /** The page's fetch: the real server, or the fault set here (POSTs only). */
  readonly fetch: Fetch;
  fault: Fault;
  /** The ids of every response the page tried to send, in order. */
  readonly sentIds: string[];
  tokenOf(code: string): string;
  responsesOf(code: string): StoredResponse[];
  close(): Promise<void>;
}

async function startServerProcess(): Promise<{
  child: ChildProcess;
  info: { url: string; dbPath: string; cookie: string };
}> {
  // Not `new URL(…, import.meta.url)`: in happy-dom Vite rewrites that into a browser URL.
  const script = join(dirname(fileURLToPath(import.meta.url)), 'resident-test-server.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const info = await new Promise<{ url: string; dbPath: string; cookie: string }>(
    (resolve, reject) => {
      lines.once('line', (line) => resolve(JSON.parse(line)));
      child.once('exit', (code) => reject(new Error(`test server exited with ${code}`)));
    },
  );
  return { child, info };
}

export async function startResidentFixture(): Promise<ResidentFixture> {
  const { child, info } = await startServerProcess();
  const db = new Database(info.dbPath, { readonly: true, fileMustExist: true });
  const fixture: ResidentFixture = {
    url: info.url,
    coordinatorCookie: info.cookie,
    fault: 'none',
    sentIds: [],
    fetch: async (input, init) => {
      if (init?.method === 'POST') {
        fixture.sentIds.push((JSON.parse(String(init.body)) as { id: string }).id);
        if (fixture.fault === 'offline') throw new TypeError('fetch failed');
        if (fixture.fault === 'serverError') {
          return new Response('{"error":"internal_error","message":"服务器内部错误"}', {
            status: 500,
            headers: { 'content-type': 'application/json' },
          });
        }
        if (fixture.fault === 'lostAnswer') {
          await nodeFetch(input, init);
          throw new TypeError('connection reset');
        }
      }
      return nodeFetch(input, init ?? {});
    },
    tokenOf: (code) =>
      db.prepare('SELECT qr_token FROM communities WHERE code = ?').pluck().get(code) as string,
    responsesOf: (code) =>
      db
        .prepare(
          'SELECT id, channel, counted, source, content FROM responses WHERE community_code = ? ORDER BY seq',
        )
        .all(code) as StoredResponse[],
    close: async () => {
      db.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin?.end();
      await exited;
    },
  };
  return fixture;
}
