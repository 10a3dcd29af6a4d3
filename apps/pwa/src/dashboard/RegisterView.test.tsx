import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderDashboard } from './dashboard.test-kit.tsx';
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
});
