import { JIUTING_2026_EXAMPLE } from '@jiuting/questionnaire';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../api/api-context.tsx';
import { createApiClient } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import type { Session } from '../api/session.ts';
import { PaperQuestionnaire } from './PaperQuestionnaire.tsx';
import PrintPage from './PrintPage.tsx';
import { printPath } from './print-route.ts';

const q4Options = () =>
  [
    ...screen
      .getByTestId('paper-questionnaire')
      .querySelectorAll('[data-question="q4"] .paper-option'),
  ].map((o) => o.textContent);

describe('the paper questionnaire prints the edition the year uses', () => {
  it('prints the new edition’s changed option in place of 附件1’s', () => {
    render(<PaperQuestionnaire communityName={null} questionnaire={JIUTING_2026_EXAMPLE} />);
    expect(q4Options()).toEqual([
      '□A. 一月一次',
      '□B. 一季度一次',
      '□C. 半年一次（含电话、微信联系）',
      '□D. 一年一次',
      '□E. 从未电话联系或走访',
    ]);
  });

  it('the blank paper form follows the version /api/me named for the open year', () => {
    const api = createApiClient({
      baseUrl: 'http://test.invalid',
      fetch: () => Promise.reject(new TypeError('offline in tests')),
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const session: Session = { user: null, offline: false, questionnaireVersion: 2 };
    client.setQueryData(queryKeys.me(), session);
    render(
      <QueryClientProvider client={client}>
        <ApiProvider value={api}>
          <PrintPage path={printPath({ kind: 'paper', code: null })} />
        </ApiProvider>
      </QueryClientProvider>,
    );
    expect(q4Options()).toContain('□C. 半年一次（含电话、微信联系）');
  });
});
