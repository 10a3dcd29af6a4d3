import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { coverageFixture } from './coverage-fixture.ts';
import DashboardPage, { viewOf } from './DashboardPage.tsx';
import { renderDashboard } from './dashboard-test-kit.tsx';

afterEach(() => {
  history.replaceState(null, '', '#/');
});

describe('the dashboard page', () => {
  it('opens the view its hash names, and the overview otherwise', () => {
    expect(viewOf('#/dashboard/review')).toBe('review');
    expect(viewOf('#/dashboard/export')).toBe('export');
    expect(viewOf('#/dashboard')).toBe('overview');
    expect(viewOf('#/dashboard/nonsense')).toBe('overview');
  });

  it('switches view when the hash changes, marking the current tab', async () => {
    history.replaceState(null, '', '#/dashboard');
    renderDashboard(<DashboardPage />, ({ path }) => {
      if (path === '/api/coverage') return { body: coverageFixture() };
      if (path === '/api/communities') return { body: { communities: [] } };
      return undefined;
    });
    await screen.findByTestId('town-coverage');
    expect(screen.getByRole('link', { name: '总览' }).getAttribute('aria-current')).toBe('page');
    act(() => {
      history.replaceState(null, '', '#/dashboard/export');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(screen.getByRole('button', { name: '下载 Excel（四张表）' })).toBeTruthy();
    expect(screen.queryByTestId('town-coverage')).toBeNull();
    expect(screen.getByRole('link', { name: '导出' }).getAttribute('aria-current')).toBe('page');
  });
});
