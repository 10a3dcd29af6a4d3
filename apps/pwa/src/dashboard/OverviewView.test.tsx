import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { coverageFixture, RAW } from './coverage-fixture.ts';
import { REFRESH_MS } from './dashboard-api.ts';
import { renderDashboard } from './dashboard-test-kit.tsx';
import { OverviewView } from './OverviewView.tsx';
import { beijingTime } from './overview.ts';

const rowOf = (code: string) => within(screen.getByTestId(`community-${code}`));
const cell = (code: string, id: string) => rowOf(code).getByTestId(id).textContent;
const order = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.getAttribute('data-testid')?.replace('community-', ''));

/** The overview against a server that answers /api/coverage with the fixture. */
function renderOverview() {
  return renderDashboard(<OverviewView />, ({ path }) =>
    path === '/api/coverage' ? { body: coverageFixture() } : undefined,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the town overview', () => {
  it('shows each community’s figures as the plan counts them', async () => {
    renderOverview();
    await screen.findByTestId('community-JT01');
    // 66 of 200 = 33.0%, over the 60 needed; 20 interviews; mean 80 → 24 of 30 points.
    expect(cell('JT01', 'coverage')).toBe('33.0%');
    expect(cell('JT01', 'households')).toBe('66 / 200');
    expect(cell('JT01', 'shortfall')).toBe('已达标');
    expect(cell('JT01', 'interviews')).toBe('20 / 20');
    expect(cell('JT01', 'mean-score')).toBe('80.0');
    expect(cell('JT01', 'points')).toBe('24.00');
    expect(cell('JT01', 'repeats')).toBe('2');
    expect(rowOf('JT01').getByText('残疾居民 5，高龄独居老人 15')).toBeTruthy();
    expect(rowOf('JT01').getByRole('img').getAttribute('aria-label')).toBe(
      '覆盖率 33.0%，目标 30%',
    );
    // 40 of 500 = 8.0%; 150 needed → 110 short; mean 90.5 → 27.15 points.
    expect(cell('JT02', 'coverage')).toBe('8.0%');
    expect(cell('JT02', 'shortfall')).toBe('110');
    expect(cell('JT02', 'interviews')).toBe('3 / 20');
    expect(cell('JT02', 'points')).toBe('27.15');
    // Nobody surveyed in 101 households: 31 needed, no score yet.
    expect(cell('LY01', 'coverage')).toBe('0.0%');
    expect(cell('LY01', 'shortfall')).toBe('31');
    expect(cell('LY01', 'mean-score')).toBe('—');
    expect(cell('LY01', 'points')).toBe('—');
    expect(rowOf('LY01').getByText('—', { selector: '.time' })).toBeTruthy();
    // Last activity in Beijing time: 02:05 UTC is 10:05 in Shanghai.
    expect(rowOf('JT01').getByText('11月27日 10:05')).toBeTruthy();
  });

  it('shows visits by outcome, the 回访 households and what the sample brought in', async () => {
    const fixture = coverageFixture();
    const [jt01, ...rest] = fixture.communities;
    const answer = {
      ...fixture,
      town: { ...fixture.town, visits: { notHome: 6, refused: 2, vacant: 1, revisit: 4 } },
      communities: [
        {
          ...jt01,
          visits: { notHome: 6, refused: 2, vacant: 1, revisit: 4 },
          sample: {
            seed: 42,
            drawnAt: '2026-11-20T01:00:00Z',
            size: 60,
            reserveSize: 18,
            countedSample: 51,
            countedReserve: 3,
          },
        },
        ...rest.map((c) => ({ ...c, visits: { notHome: 0, refused: 0, vacant: 0, revisit: 0 } })),
      ],
    };
    renderDashboard(<OverviewView />, ({ path }) =>
      path === '/api/coverage' ? { body: answer } : undefined,
    );
    await screen.findByTestId('community-JT01');
    expect(cell('JT01', 'visits')).toBe('不在家 6 · 拒访 2 · 空置 1');
    expect(cell('JT01', 'revisit')).toBe('4');
    expect(cell('JT01', 'sample')).toBe('已计入 51 / 抽样 60 户，备选已计入 3 / 18');
    expect(cell('JT02', 'sample')).toBe('未抽样');
    expect(screen.getByTestId('town-visits').textContent).toBe('9');
    expect(screen.getByText('不在家 6 · 拒访 2 · 空置 1；回访 4 户')).toBeTruthy();
  });

  it('says which communities count over a household register, and how many 册外 wait', async () => {
    const answer = coverageFixture();
    const [first, ...rest] = answer.communities;
    const withRegister = {
      ...answer,
      communities: [{ ...first, register: { outside: 2 } }, ...rest],
    };
    renderDashboard(<OverviewView />, ({ path }) =>
      path === '/api/coverage' ? { body: withRegister } : undefined,
    );
    await screen.findByTestId('community-JT01');
    expect(cell('JT01', 'register')).toBe('册外 2');
    expect(cell('JT02', 'register')).toBe('未建户册');
  });

  it('shows the town totals: 166 of 1101 households, 1 of 4 communities over 30%', async () => {
    renderOverview();
    expect((await screen.findByTestId('town-coverage')).textContent).toBe('15.1%');
    expect(screen.getByText('166 / 1101 户')).toBeTruthy();
    expect(screen.getByTestId('town-meeting').textContent).toBe('1 / 4');
    expect(screen.getByTestId('town-interviews').textContent).toBe(String(20 + 3 + 21));
    // (66×80 + 40×90.5 + 60×70) ÷ 166 = 78.91…
    expect(screen.getByTestId('town-score').textContent).toBe('78.9');
    expect(screen.getByText('问卷 169 份，重复户 3 份')).toBeTruthy();
  });

  it('sorts by shortfall first, and by coverage or code on request', async () => {
    const user = userEvent.setup();
    renderOverview();
    await screen.findByTestId('community-JT01');
    expect(order()).toEqual(['JT02', 'LY01', 'ZS01', 'JT01']);
    await user.selectOptions(screen.getByLabelText('排序'), 'coverage');
    expect(order()).toEqual(['LY01', 'JT02', 'ZS01', 'JT01']);
    await user.selectOptions(screen.getByLabelText('排序'), 'interviewShortfall');
    expect(order()).toEqual(['LY01', 'JT02', 'ZS01', 'JT01']);
    await user.selectOptions(screen.getByLabelText('排序'), 'code');
    expect(order()).toEqual(['JT01', 'JT02', 'LY01', 'ZS01']);
  });

  it('filters by type: 村改居 shows only the two village communities', async () => {
    const user = userEvent.setup();
    renderOverview();
    await screen.findByTestId('community-JT01');
    await user.selectOptions(screen.getByLabelText('类型'), '村改居');
    expect(order()).toEqual(['LY01', 'ZS01']);
    await user.selectOptions(screen.getByLabelText('类型'), '导入居');
    expect(order()).toEqual(['JT02', 'JT01']);
  });

  it('reads the figures again by itself once a minute', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let surveyed = 40;
    const { server } = renderDashboard(<OverviewView />, ({ path }) =>
      path === '/api/coverage'
        ? { body: coverageFixture(RAW.map((r) => (r.code === 'JT02' ? { ...r, surveyed } : r))) }
        : undefined,
    );
    await screen.findByTestId('community-JT02');
    expect(cell('JT02', 'households')).toBe('40 / 500');
    surveyed = 150;
    await vi.advanceTimersByTimeAsync(REFRESH_MS + 100);
    await vi.waitFor(() => expect(cell('JT02', 'households')).toBe('150 / 500'));
    expect(cell('JT02', 'shortfall')).toBe('已达标');
    expect(server.calls.filter((c) => c.path === '/api/coverage')).toHaveLength(2);
  });

  it('says so in Chinese when the figures cannot be read', async () => {
    renderDashboard(<OverviewView />, () => ({
      status: 403,
      body: { error: 'forbidden', message: '没有权限进行此操作' },
    }));
    expect((await screen.findByRole('alert')).textContent).toBe('无法加载进度：没有权限进行此操作');
  });
});

describe('Beijing time', () => {
  it('shows midnight in Shanghai as 00, not 24, whatever the screen’s own zone', () => {
    expect(beijingTime('2026-11-26T16:00:00Z')).toBe('11月27日 00:00');
    expect(beijingTime('2026-11-27T15:59:00Z')).toBe('11月27日 23:59');
    expect(beijingTime(null)).toBe('—');
  });
});
