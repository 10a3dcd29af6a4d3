import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Call } from './dashboard.test-kit.tsx';
import { renderDashboard } from './dashboard.test-kit.tsx';
import { ManageCommunities } from './ManageCommunities.tsx';
import { ManageSessions } from './ManageSessions.tsx';
import { ManageUsers } from './ManageUsers.tsx';

function manageServer() {
  let total = 1200;
  return ({ method, path, body }: Call) => {
    if (method === 'GET' && path === '/api/communities') {
      return {
        body: {
          communities: [
            {
              code: 'JT01',
              name: '九亭一居',
              type: '导入居',
              totalHouseholds: total,
              liaisonLeader: '甲',
              qrToken: 'tok1',
            },
            {
              code: 'JT02',
              name: '九亭二居',
              type: '村改居',
              totalHouseholds: 300,
              liaisonLeader: '乙',
              qrToken: 'tok2',
            },
          ],
        },
      };
    }
    if (method === 'PATCH' && path === '/api/communities/JT01') {
      total = (body as { totalHouseholds: number }).totalHouseholds;
      return { body: { community: {} } };
    }
    if (method === 'POST' && path === '/api/communities/JT01/qr-token')
      return { body: { token: 'tok3' } };
    if (method === 'GET' && path === '/api/users') return { body: { users: [] } };
    if (method === 'POST' && path === '/api/users') {
      const b = body as { username: string; displayName: string; role: string };
      return {
        body: {
          user: {
            id: 'u9',
            ...b,
            communities: [],
            disabled: false,
            createdAt: '2026-11-27T00:00:00Z',
          },
          password: 'Xk3-made-once-9',
        },
      };
    }
    if (method === 'GET' && path === '/api/sessions') {
      return {
        body: {
          sessions: [
            {
              id: 's1',
              userId: 'u1',
              username: 'zhang',
              displayName: '张采集',
              role: 'canvasser',
              userAgent: 'Mozilla/5.0 (Linux; Android 13)',
              ip: '10.0.0.5',
              createdAt: '2026-11-20T01:00:00Z',
              lastSeenAt: '2026-11-27T01:00:00Z',
              expiresAt: '2026-12-11T01:00:00Z',
              current: false,
            },
            {
              id: 's2',
              userId: 'c1',
              username: 'li',
              displayName: '李专班',
              role: 'coordinator',
              userAgent: 'Windows',
              ip: '10.0.0.9',
              createdAt: '2026-11-27T00:00:00Z',
              lastSeenAt: '2026-11-27T02:00:00Z',
              expiresAt: '2026-12-11T01:00:00Z',
              current: true,
            },
          ],
        },
      };
    }
    if (method === 'DELETE' && path === '/api/sessions/s1') return { body: { ok: true } };
    return undefined;
  };
}

describe('managing communities', () => {
  it('saves a community’s total households as a number and shows the new figure', async () => {
    const user = userEvent.setup();
    const { server } = renderDashboard(<ManageCommunities />, manageServer());
    const input = await screen.findByLabelText('九亭一居总户数');
    await user.clear(input);
    await user.type(input, '1350');
    await user.click(
      within(screen.getByTestId('manage-JT01')).getByRole('button', { name: '保存' }),
    );
    await vi.waitFor(() =>
      expect((screen.getByLabelText('九亭一居总户数') as HTMLInputElement).value).toBe('1350'),
    );
    expect(server.calls).toContainEqual({
      method: 'PATCH',
      path: '/api/communities/JT01',
      body: { totalHouseholds: 1350 },
    });
  });

  it('rotates the QR link only after the coordinator confirms', async () => {
    const user = userEvent.setup();
    const { server } = renderDashboard(<ManageCommunities />, manageServer());
    const row = within(await screen.findByTestId('manage-JT01'));
    expect(row.getByRole('link', { name: '居民扫码链接' }).getAttribute('href')).toBe(
      `${location.origin}/r/tok1`,
    );
    await user.click(row.getByRole('button', { name: '更换二维码' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(server.calls.filter((c) => c.method === 'POST')).toEqual([]);
    await user.click(row.getByRole('button', { name: '更换二维码' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '更换' }));
    expect(await row.findByText('已更换，旧二维码已失效，请重新打印海报')).toBeTruthy();
    expect(server.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      '/api/communities/JT01/qr-token',
    ]);
  });
});

describe('managing accounts and devices', () => {
  it('creates a canvasser for the communities ticked and shows the one-time password', async () => {
    const user = userEvent.setup();
    const { server } = renderDashboard(<ManageUsers myRole="coordinator" />, manageServer());
    await user.type(await screen.findByLabelText('用户名（登录用）'), 'wang');
    await user.type(screen.getByLabelText('姓名'), '王采集');
    // A coordinator may create field staff only.
    expect(
      within(screen.getByLabelText('角色'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['采集员', '访谈员']);
    await user.click(await screen.findByRole('checkbox', { name: '九亭二居' }));
    await user.click(screen.getByRole('button', { name: '新建（自动生成初始密码）' }));
    expect((await screen.findByRole('status')).textContent).toContain('初始密码：Xk3-made-once-9');
    expect(server.calls.find((c) => c.method === 'POST')?.body).toEqual({
      username: 'wang',
      displayName: '王采集',
      role: 'canvasser',
      communities: ['JT02'],
    });
  });

  it('revokes another device after confirming, and never offers to revoke this one', async () => {
    const user = userEvent.setup();
    const { server } = renderDashboard(<ManageSessions />, manageServer());
    expect(await screen.findByText('安卓手机')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: '注销' })).toHaveLength(1);
    expect(screen.getByText('本机')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '注销' }));
    expect(server.calls.some((c) => c.method === 'DELETE')).toBe(false);
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '注销' }));
    await vi.waitFor(() =>
      expect(server.calls.some((c) => c.method === 'DELETE' && c.path === '/api/sessions/s1')).toBe(
        true,
      ),
    );
  });
});
