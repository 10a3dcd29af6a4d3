import { type ApiErrorBody, isApiErrorBody } from './types.ts';

// One fetch wrapper for every call to the sync server: it carries the session cookie, adds the
// anti-CSRF header the server demands on every non-GET request, and turns any answer into either
// a parsed body or a typed error, so no caller has to reason about fetch's corner cases.

export const CLIENT_HEADER = 'X-Jiuting-Client';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** What came back: a status with its JSON body (undefined when the body was not JSON), or nothing. */
export type ApiOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'network'; readonly error: unknown };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: ApiErrorBody['issues'],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got a proper answer (no network, captive portal, server down). */
export class OfflineError extends Error {
  constructor(cause?: unknown) {
    super('无法连接服务器，请检查网络', { cause });
    this.name = 'OfflineError';
  }
}

export interface ApiClient {
  send(method: string, path: string, body?: unknown): Promise<ApiOutcome>;
  /** Resolves with the JSON body of a 2xx answer; rejects with ApiError or OfflineError. */
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export interface ApiClientOptions {
  readonly fetch?: Fetch;
  readonly baseUrl?: string;
  /** A stairwell connection can hang for minutes; give up and retry later instead. */
  readonly timeoutMs?: number;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const doFetch: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = options.baseUrl ?? '';
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function send(method: string, path: string, body?: unknown): Promise<ApiOutcome> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET' && method !== 'HEAD') headers[CLIENT_HEADER] = '1';
    if (body !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}${path}`, {
          method,
          headers,
          credentials: 'same-origin',
          cache: 'no-store',
          signal: controller.signal,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (error) {
        return { kind: 'network', error };
      }
      let parsed: unknown;
      try {
        // A captive portal answers 200 with HTML: that is "no JSON", not success.
        parsed = await response.json();
      } catch (error) {
        if (response.status === 204) parsed = null;
        else if (response.status >= 200 && response.status < 300) return { kind: 'network', error };
      }
      return { kind: 'response', status: response.status, body: parsed };
    } finally {
      clearTimeout(timer);
    }
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const outcome = await send(method, path, body);
    if (outcome.kind === 'network') throw new OfflineError(outcome.error);
    const { status, body: answer } = outcome;
    if (status >= 200 && status < 300) return answer as T;
    if (status >= 500 || answer === undefined) throw new OfflineError();
    if (isApiErrorBody(answer)) {
      throw new ApiError(status, answer.error, answer.message, answer.issues);
    }
    throw new ApiError(status, 'unknown', `服务器返回错误（${status}）`);
  }

  return { send, json };
}

/** A cheap "is the server really there" check: anything but `{ ok: true }` counts as offline. */
export async function pingServer(api: ApiClient): Promise<boolean> {
  const outcome = await api.send('GET', '/api/ping');
  return (
    outcome.kind === 'response' &&
    outcome.status === 200 &&
    typeof outcome.body === 'object' &&
    outcome.body !== null &&
    (outcome.body as { ok?: unknown }).ok === true
  );
}
