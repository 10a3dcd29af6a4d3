import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { coverageFixture } from './coverage.test-kit.ts';
import { renderDashboard } from './dashboard.test-kit.tsx';
import { DashboardYearProvider, YearPicker } from './dashboard-year.tsx';
import { ExportView } from './ExportView.tsx';
import { FeedbackView } from './FeedbackView.tsx';
import { OverviewView } from './OverviewView.tsx';

const YEARS = {
  years: [
    { year: 2026, state: 'open', rawDeletedAt: null },
    { year: 2025, state: 'locked', rawDeletedAt: null },
  ],
  currentYear: 2026,
};

function renderWithPicker() {
  return renderDashboard(
    <DashboardYearProvider>
      <YearPicker />
      <OverviewView />
      <ExportView />
    </DashboardYearProvider>,
    ({ path }) => {
      if (path === '/api/assessment/years') return { body: YEARS };
      if (path.startsWith('/api/coverage')) return { body: coverageFixture() };
      return undefined;
    },
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the dashboard’s year picker', () => {
  it('starts on the open year and reads the year a coordinator picks, coverage and exports alike', async () => {
    const { server } = renderWithPicker();
    const picker = (await screen.findByLabelText('考核年度')) as HTMLSelectElement;
    expect(picker.value).toBe('2026');
    expect(screen.getByRole('option', { name: '2025 年度（已锁定，只读）' })).toBeTruthy();
    await screen.findByTestId('community-JT01');
    expect(
      server.calls.filter((c) => c.path.startsWith('/api/coverage')).map((c) => c.path),
    ).toEqual(['/api/coverage']);

    await userEvent.selectOptions(picker, '2025');
    await waitFor(() =>
      expect(server.calls.some((c) => c.path === '/api/coverage?year=2025')).toBe(true),
    );
    expect(picker.value).toBe('2025');
    // Downloads go through the browser's fetch (see download.ts).
    const fetch = vi.fn(async () => new Response('{}', { status: 403 }));
    vi.stubGlobal('fetch', fetch);
    await userEvent.click(screen.getByRole('button', { name: '汇总.csv' }));
    await waitFor(() =>
      expect(fetch).toHaveBeenCalledWith('/api/exports/summary.csv?year=2025', expect.anything()),
    );
  });

  it('reads residents’ feedback of the year a coordinator picks', async () => {
    const tallies = { respondents: { town: 0, byCommunity: {} }, questions: [] };
    const { server } = renderDashboard(
      <DashboardYearProvider>
        <YearPicker />
        <FeedbackView />
      </DashboardYearProvider>,
      ({ path }) => {
        if (path === '/api/assessment/years') return { body: YEARS };
        if (path === '/api/communities') return { body: { communities: [] } };
        if (path.startsWith('/api/feedback/tallies')) return { body: tallies };
        if (path.startsWith('/api/feedback/texts')) {
          return { body: { items: [], total: 0, page: 1, pageSize: 50 } };
        }
        return undefined;
      },
    );
    const picker = (await screen.findByLabelText('考核年度')) as HTMLSelectElement;
    await waitFor(() =>
      expect(server.calls.some((c) => c.path === '/api/feedback/tallies')).toBe(true),
    );
    await userEvent.selectOptions(picker, '2025');
    await waitFor(() =>
      expect(server.calls.map((c) => c.path)).toEqual(
        expect.arrayContaining([
          '/api/feedback/tallies?year=2025',
          expect.stringMatching(/^\/api\/feedback\/texts\?.*year=2025/),
        ]),
      ),
    );
  });
});
