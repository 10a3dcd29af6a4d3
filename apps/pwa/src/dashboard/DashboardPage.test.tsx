import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { coverageFixture } from './coverage.test-kit.ts';
import DashboardPage, { viewOf } from './DashboardPage.tsx';
import { renderDashboard } from './dashboard.test-kit.tsx';

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

  it("shows the server's warnings (disk, backups, PUBLIC_URL), also while writes fail (503)", async () => {
    history.replaceState(null, '', '#/dashboard');
    renderDashboard(<DashboardPage />, ({ path }) => {
      if (path === '/api/coverage') return { body: coverageFixture() };
      if (path === '/api/health') {
        return {
          status: 503,
          body: {
            status: 'failing',
            publicUrl: { url: null, problem: 'missing' },
            warnings: ['数据库当前无法写入（磁盘已满或只读）', '未设置 PUBLIC_URL'],
          },
        };
      }
      return undefined;
    });
    const alert = await screen.findByRole('alert', { name: '服务器提醒' });
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '数据库当前无法写入（磁盘已满或只读）',
      '未设置 PUBLIC_URL',
    ]);
  });

  it('shows no warning box when the server reports nothing to do', async () => {
    history.replaceState(null, '', '#/dashboard');
    const { server } = renderDashboard(<DashboardPage />, ({ path }) => {
      if (path === '/api/coverage') return { body: coverageFixture() };
      if (path === '/api/health') {
        return {
          body: {
            status: 'ok',
            publicUrl: { url: 'https://jt.example.cn', problem: null },
            warnings: [],
          },
        };
      }
      return undefined;
    });
    await screen.findByTestId('town-coverage');
    await waitFor(() => expect(server.calls.some((c) => c.path === '/api/health')).toBe(true));
    expect(screen.queryByRole('alert', { name: '服务器提醒' })).toBeNull();
  });
});
