import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderDashboard } from './dashboard-test-kit.tsx';
import { RegisterView } from './RegisterView.tsx';

const REGISTER = {
  registered: true,
  spread: { buildings: 2, buildingShare: 0.5, busiestShare: 1, narrow: false },
  buildings: [
    { area: '九亭小区', building: '100弄12号', households: 2, counted: 1 },
    { area: '新姚村', building: '3组25号', households: 1, counted: 0 },
  ],
  outside: [
    {
      id: 'old',
      householdKey: '100弄12号301室',
      channel: 'door',
      collectedAt: '2026-11-01T02:00:00Z',
      receivedAt: '2026-11-01T02:00:00Z',
    },
    {
      id: 'typed',
      householdKey: '九亭小区·100弄12号401室',
      channel: 'door',
      collectedAt: '2026-11-02T02:00:00Z',
      receivedAt: '2026-11-02T02:00:00Z',
    },
  ],
};

describe('the register view', () => {
  it('lets a coordinator give a 未分区 response one of the register areas, and only those', async () => {
    const user = userEvent.setup();
    const { server } = renderDashboard(<RegisterView />, ({ method, path }) => {
      if (path === '/api/communities') {
        return {
          body: {
            communities: [{ code: 'JT01', name: '九亭一居', type: '导入居', totalHouseholds: 3 }],
          },
        };
      }
      if (method === 'GET' && path === '/api/communities/JT01/register') return { body: REGISTER };
      if (method === 'POST')
        return { body: { householdKey: '九亭小区·100弄12号301室', action: 'area' } };
      return undefined;
    });
    await screen.findByRole('option', { name: '九亭一居' });
    await user.selectOptions(screen.getByLabelText('居民区'), 'JT01');
    const pick = await screen.findByLabelText('指定小区/自然村');
    // Only the keyless response offers it; the one typed with an area does not.
    expect(screen.getAllByLabelText('指定小区/自然村')).toHaveLength(1);
    expect([...pick.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      '选择小区/自然村',
      '九亭小区',
      '新姚村',
    ]);
    await user.selectOptions(pick, '九亭小区');
    await user.click(screen.getByRole('button', { name: '指定小区' }));
    await waitFor(() =>
      expect(server.calls.filter((c) => c.method === 'POST')).toEqual([
        {
          method: 'POST',
          path: '/api/communities/JT01/register/outside/old',
          body: { action: 'area', area: '九亭小区' },
        },
      ]),
    );
  });

  it('draws a sample only after the coordinator confirms, and shows its seed and sizes', async () => {
    const user = userEvent.setup();
    let sample: unknown = null;
    const { server } = renderDashboard(<RegisterView />, ({ method, path }) => {
      if (path === '/api/communities') {
        return {
          body: {
            communities: [{ code: 'JT01', name: '九亭一居', type: '导入居', totalHouseholds: 3 }],
          },
        };
      }
      if (method === 'GET' && path === '/api/communities/JT01/register') {
        return { body: { ...REGISTER, sample } };
      }
      if (method === 'POST' && path === '/api/communities/JT01/sample') {
        sample = {
          seed: 1234567,
          drawnAt: '2026-11-20T02:00:00Z',
          frame: 3,
          size: 1,
          reserveSize: 1,
        };
        return {
          body: {
            ...(sample as object),
            communityCode: 'JT01',
            replacedSeed: null,
            strata: [],
          },
        };
      }
      return undefined;
    });
    await screen.findByRole('option', { name: '九亭一居' });
    await user.selectOptions(screen.getByLabelText('居民区'), 'JT01');
    expect((await screen.findByTestId('sample-summary')).textContent).toContain('尚未抽样');
    // Cancelling sends nothing.
    await user.click(screen.getByRole('button', { name: '抽取样本' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '取消' }));
    expect(server.calls.filter((c) => c.method === 'POST')).toEqual([]);
    await user.click(screen.getByRole('button', { name: '抽取样本' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '抽取' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      '已抽取：样本 1 户，备选 1 户，随机种子 1234567',
    );
    await waitFor(() =>
      expect(screen.getByTestId('sample-summary').textContent).toContain('随机种子 1234567'),
    );
    expect(screen.getByTestId('sample-summary').textContent).toContain('抽取样本 1 户、备选 1 户');
    // A second draw replaces the first: the dialog says so, with the seed it replaces.
    await user.click(await screen.findByRole('button', { name: '重新抽样' }));
    expect(screen.getByRole('alertdialog').textContent).toContain(
      '将替换现有样本（随机种子 1234567）',
    );
  });
});
