import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ApiProvider } from '../api/api-context.tsx';
import { createApiClient } from '../api/client.ts';

// Tests render the assessment screens against a small in-memory stand-in for the server's
// /api/assessment routes, and read what the screens sent.

export interface Call {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

export type Handler = (call: Call) => { status?: number; body: unknown } | undefined;

export function renderWithServer(ui: ReactElement, handler: Handler) {
  const calls: Call[] = [];
  const api = createApiClient({
    baseUrl: '',
    fetch: async (input, init) => {
      const call: Call = {
        method: init?.method ?? 'GET',
        path: input,
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
    },
  });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, networkMode: 'always' } },
  });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider value={api}>{ui}</ApiProvider>
    </QueryClientProvider>,
  );
  return { ...result, calls };
}

export const COMMUNITIES = Array.from({ length: 27 }, (_, i) => ({
  code: `JT${String(i + 1).padStart(2, '0')}`,
  name: `九亭${i + 1}居`,
  type: i < 18 ? '导入居' : '村改居',
}));
