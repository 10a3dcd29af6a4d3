import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Call } from './dashboard.test-kit.tsx';
import { renderDashboard } from './dashboard.test-kit.tsx';
import { FeedbackView } from './FeedbackView.tsx';

const HOSTILE = '<img src=x onerror="alert(1)"> 楼道灯坏了';
const BOLD = '<b>加粗</b> & 50%';

const TALLIES = {
  respondents: { town: 40, byCommunity: { JT01: 30, JT02: 10 } },
  questions: [
    {
      id: 'q10',
      number: 10,
      text: '您认为小区内还存在哪些亟待解决的治理问题?',
      options: [
        { letter: 'A', label: '楼道堆物', town: 10, byCommunity: { JT01: 9, JT02: 1 } },
        { letter: 'C', label: '电瓶车乱停乱放', town: 30, byCommunity: { JT01: 25, JT02: 5 } },
      ],
    },
    {
      id: 'q11',
      number: 11,
      text: '您对社区治理的展望是?',
      options: [{ letter: 'A', label: '多一些为老服务', town: 4, byCommunity: { JT02: 4 } }],
    },
  ],
};

function server({ path }: Call) {
  if (path === '/api/feedback/tallies') return { body: TALLIES };
  if (path === '/api/communities') {
    return {
      body: {
        communities: [
          { code: 'JT01', name: '九亭一居', type: '导入居', totalHouseholds: 200 },
          { code: 'JT02', name: '九亭二居', type: '导入居', totalHouseholds: 500 },
        ],
      },
    };
  }
  if (path.startsWith('/api/feedback/texts')) {
    const q = new URL(path, 'http://x').searchParams.get('q') ?? '';
    const items = [
      {
        responseId: 'r1',
        communityCode: 'JT01',
        communityName: '九亭一居',
        field: 'q12',
        text: HOSTILE,
        collectedAt: '2026-11-26T02:00:00Z',
      },
      {
        responseId: 'r2',
        communityCode: 'JT02',
        communityName: '九亭二居',
        field: 'q10Other',
        text: BOLD,
        collectedAt: '2026-11-25T02:00:00Z',
      },
    ].filter((i) => i.text.includes(q));
    return { body: { items, total: items.length, page: 1, pageSize: 50 } };
  }
  return undefined;
}

describe('what residents said', () => {
  it('shows a resident’s markup as text, never as an element', async () => {
    const { container } = renderDashboard(<FeedbackView />, server);
    expect((await screen.findByText(HOSTILE)).tagName).toBe('P');
    expect(screen.getByText(BOLD)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
  });

  it('sends the search to the server and lists what it answers', async () => {
    const user = userEvent.setup();
    const { server: s } = renderDashboard(<FeedbackView />, server);
    await screen.findByText(HOSTILE);
    await user.type(screen.getByRole('searchbox'), '50%');
    await user.click(screen.getByRole('button', { name: '搜索' }));
    expect((await screen.findByTestId('texts-total')).textContent).toBe('共 1 条含“50%”的文字');
    expect(screen.queryByText(HOSTILE)).toBeNull();
    expect(s.calls.map((c) => c.path)).toContain('/api/feedback/texts?q=50%25&page=1&pageSize=50');
  });

  it('draws q10 and q11 tallies as bars sized by share of respondents, town-wide or per community', async () => {
    const user = userEvent.setup();
    renderDashboard(<FeedbackView />, server);
    const c = within(await screen.findByTestId('tally-C', {}, { timeout: 3000 }));
    // 30 of 40 households chose C town-wide: 75%.
    expect(c.getByText('30')).toBeTruthy();
    expect((c.getByText('（75%）') as HTMLElement).textContent).toBe('（75%）');
    const fill = screen.getByTestId('tally-C').querySelector('.tally-fill') as HTMLElement;
    expect(fill.style.width).toBe('75%');
    expect(screen.getByTestId('respondents').textContent).toContain('共 40 户');
    await screen.findByRole('option', { name: '九亭二居' });
    await user.selectOptions(screen.getByLabelText('居民区'), 'JT02');
    // In 九亭二居, 5 of 10.
    expect(within(screen.getByTestId('tally-C')).getByText('5')).toBeTruthy();
    expect(
      (screen.getByTestId('tally-C').querySelector('.tally-fill') as HTMLElement).style.width,
    ).toBe('50%');
    expect(screen.getByTestId('respondents').textContent).toContain('共 10 户');
  });
});
