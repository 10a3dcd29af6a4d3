// Test-only: a real sync server in a child process (see resident-server.test-kit.ts), reached with
// Node's own HTTP client (happy-dom's fetch would apply browser CORS rules to the server's
// origin), with fault injection. Imported by the resident page's tests, never by the page. What
// the server stored is read over HTTP as a coordinator reviews it, never from its tables.
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ReviewResponse } from '@jiuting/api-contract';
import type { Fetch } from '../../apps/pwa/src/api/client.ts';

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

/** A response as the coordinators' review lists it (GET /api/review/responses). */
export type StoredResponse = ReviewResponse;

export interface ResidentFixture {
  readonly url: string;
  /** A signed-in coordinator's `Cookie` header value. */
  readonly coordinatorCookie: string;
  /** The page's fetch: the real server, or the fault set here (POSTs only). */
  readonly fetch: Fetch;
  fault: Fault;
  /** The ids of every response the page tried to send, in order. */
  readonly sentIds: string[];
  tokenOf(code: string): Promise<string>;
  /** The community's responses, oldest first. */
  responsesOf(code: string): Promise<StoredResponse[]>;
  close(): Promise<void>;
}

async function startServerProcess(): Promise<{
  child: ChildProcess;
  info: { url: string; cookie: string };
}> {
  // Not `new URL(…, import.meta.url)`: in happy-dom Vite rewrites that into a browser URL.
  const script = join(dirname(fileURLToPath(import.meta.url)), 'resident-server.test-kit.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const info = await new Promise<{ url: string; cookie: string }>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`test server exited with ${code}`)));
  });
  return { child, info };
}

export async function startResidentFixture(): Promise<ResidentFixture> {
  const { child, info } = await startServerProcess();
  const asCoordinator = async <T>(path: string): Promise<T> => {
    const answer = await nodeFetch(`${info.url}${path}`, { headers: { cookie: info.cookie } });
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  };
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
    tokenOf: async (code) => {
      const { communities } = await asCoordinator<{
        communities: { code: string; qrToken?: string }[];
      }>('/api/communities');
      const token = communities.find((c) => c.code === code)?.qrToken;
      if (!token) throw new Error(`no QR token for ${code}`);
      return token;
    },
    responsesOf: async (code) => {
      const { items } = await asCoordinator<{ items: StoredResponse[] }>(
        `/api/review/responses?community=${code}&pageSize=200`,
      );
      return items.reverse();
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin?.end();
      await exited;
    },
  };
  return fixture;
}
