// Test-only: a screen inside its query and API providers, talking to a scripted fake server.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ApiProvider } from '../src/api/api-context.tsx';
import { createApiClient } from '../src/api/client.ts';

export interface Call {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

export type Handler = (call: Call) => { status?: number; body: unknown } | undefined;

const BASE_URL = 'http://server.test';

/** A fetch that answers from `handler` and records every call (path with its query string). */
export function fakeServer(handler: Handler) {
  const calls: Call[] = [];
  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input, BASE_URL);
    const call: Call = {
      method: init?.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const answer = handler(call) ?? {
      status: 404,
      body: { error: 'not_found', message: '没有找到请求的内容' },
    };
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch, calls };
}

/** Renders `ui` with a fresh query cache (no retries) and an API client on `fakeServer(handler)`. */
export function renderWithFakeServer(ui: ReactElement, handler: Handler) {
  const server = fakeServer(handler);
  const api = createApiClient({ fetch: server.fetch, baseUrl: BASE_URL });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, networkMode: 'always' } },
  });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider value={api}>{ui}</ApiProvider>
    </QueryClientProvider>,
  );
  return { ...result, server, queryClient };
}
