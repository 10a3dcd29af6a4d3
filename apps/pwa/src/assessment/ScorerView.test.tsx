import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Call, COMMUNITIES, renderWithServer } from './assessment.test-kit.tsx';
import type { ItemScore, Scoring } from './assessment-api.ts';
import { ScorerView } from './ScorerView.tsx';

const ITEMS: Scoring['items'] = [
  {
    id: 'mass.hotline.work-orders',
    title: '12345 热线及信访、舆情工作情况第1项',
    indicator: '12345 热线及信访、舆情工作情况',
    maxPoints: 5,
    step: 0.5,
    subItems: ['工单办理情况'],
    printedDepartments: '城运中心',
    lead: true,
  },
  {
    id: 'regular.stability.overall',
    title: '维护社会和谐稳定',
    indicator: '维护社会和谐稳定',
    maxPoints: 10,
    step: 0.5,
    subItems: ['平安建设'],
    printedDepartments: '*平安办、司法所、人口办、派出所、城运中心、反诈中心',
    lead: false,
  },
];

/** 城运中心's view of 2025, with whatever the screen saves kept like the server would. */
function scoringServer(
  options: {
    refuse?: { status: number; body: unknown };
    entries?: Scoring['entries'];
    confirmed?: Scoring['confirmed'];
  } = {},
) {
  let scores: ItemScore[] = [];
  return (call: Call) => {
    if (call.method === 'GET' && call.path === '/api/assessment/2025/scoring') {
      const body: Scoring = {
        year: 2025,
        state: 'open',
        department: { id: 'city-operations-center', name: '城运中心' },
        items: ITEMS,
        communities: COMMUNITIES,
        scores,
        entries: options.entries ?? [],
        confirmed: options.confirmed ?? [],
        hotline: [
          {
            communityCode: 'JT01',
            ordersThisYear: 120,
            ordersLastYear: 150,
            satisfactionRate: 96.5,
            importedAt: '2025-12-01T00:00:00Z',
          },
        ],
      };
      return { body };
    }
    if (call.method === 'POST' && call.path === '/api/assessment/2025/scores') {
      if (options.refuse) return options.refuse;
      const { entries } = call.body as {
        entries: Omit<ItemScore, 'department' | 'enteredAt' | 'confirmedAt'>[];
      };
      scores = [
        ...scores,
        ...entries.map((e) => ({
          ...e,
          department: 'city-operations-center',
          enteredAt: '2025-12-02T00:00:00Z',
          confirmedAt: null,
        })),
      ];
      return { body: { saved: entries.length, changed: entries.length } };
    }
    if (call.method === 'POST' && call.path.endsWith('/confirm')) {
      return { body: { confirmed: 27 } };
    }
    return undefined;
  };
}

// Typed rows are kept in localStorage as drafts; each test starts with none.
beforeEach(() => localStorage.clear());

describe('department scorer screen', () => {
  it('lists the department’s items and every community with a decimal keypad in 0.5 steps and the 12345 basis', async () => {
    renderWithServer(<ScorerView year={2025} />, scoringServer());
    expect(await screen.findByText('城运中心 · 2025 年度')).toBeTruthy();
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      '12345 热线及信访、舆情工作情况第1项',
      '维护社会和谐稳定',
    ]);
    const boxes = screen.getAllByRole('spinbutton');
    expect(boxes).toHaveLength(27);
    expect(boxes[0]?.getAttribute('inputmode')).toBe('decimal');
    expect(boxes[0]?.getAttribute('step')).toBe('0.5');
    expect(boxes[0]?.getAttribute('max')).toBe('5');
    expect(screen.getByText('12345 工单：今年 120 件，去年 150 件，满意率 96.5%')).toBeTruthy();
  });

  it('refuses a figure above the maximum or off the step before sending, in the scorecard’s words', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithServer(<ScorerView year={2025} />, scoringServer());
    const points = await screen.findByLabelText('九亭1居得分');
    await user.type(points, '5.5');
    await user.type(screen.getByLabelText('九亭1居评分依据'), '工单下降');
    expect(screen.getByRole('alert').textContent).toContain('得分应在 0 到 5 分之间');
    const save = screen.getByRole('button', { name: /保存/ });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await user.clear(points);
    await user.type(points, '2.3');
    expect(screen.getByRole('alert').textContent).toContain('以 0.5 分为单位');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('saves only the changed rows with their basis, then lets the lead confirm after naming the consequence', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithServer(<ScorerView year={2025} />, scoringServer());
    await user.type(await screen.findByLabelText('九亭1居得分'), '4.5');
    await user.type(screen.getByLabelText('九亭1居评分依据'), '工单同比下降 20%');
    await user.type(screen.getByLabelText('九亭2居得分'), '3');
    await user.type(screen.getByLabelText('九亭2居评分依据'), '满意率偏低');
    await user.click(screen.getByRole('button', { name: '保存（2 处修改）' }));
    expect(await screen.findByText('已保存 2 个居民区的得分')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      entries: [
        {
          itemId: 'mass.hotline.work-orders',
          communityCode: 'JT01',
          points: 4.5,
          basis: '工单同比下降 20%',
        },
        {
          itemId: 'mass.hotline.work-orders',
          communityCode: 'JT02',
          points: 3,
          basis: '满意率偏低',
        },
      ],
    });

    await user.click(screen.getByRole('button', { name: '确认本项得分' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('计入考核总表');
    expect(dialog.textContent).toContain('需要重新确认');
    await user.click(within(dialog).getByRole('button', { name: '确认得分' }));
    expect(await screen.findByText('已确认 27 个居民区的得分')).toBeTruthy();
    expect(
      calls.find((c) => c.path === '/api/assessment/2025/items/mass.hotline.work-orders/confirm')
        ?.body,
    ).toEqual({ rule: 'lead' });
  });

  it('shows the lead every other department’s figure beside its own, and confirms by the rule it picks', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithServer(
      <ScorerView year={2025} />,
      scoringServer({
        entries: [
          {
            communityCode: 'JT01',
            itemId: 'mass.hotline.work-orders',
            department: 'peace-office-petitions',
            departmentName: '平安办（信访）',
            points: 3.5,
            basis: '信访件偏多',
            enteredByName: '王信访',
            enteredAt: '2025-12-02T00:00:00Z',
          },
        ],
        confirmed: [
          {
            communityCode: 'JT02',
            itemId: 'mass.hotline.work-orders',
            points: 4,
            basis: '工单下降',
            department: 'city-operations-center',
            combinationRule: 'lead',
            confirmedAt: '2025-12-03T00:00:00Z',
          },
        ],
      }),
    );
    expect(await screen.findByText('平安办（信访） 3.5 分（信访件偏多；王信访）')).toBeTruthy();
    expect(screen.getByText('已确认 4 分')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '确认本项得分' }));
    const dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('radio', { name: /取各部门评分的平均值/ }));
    await user.click(within(dialog).getByRole('button', { name: '确认得分' }));
    await screen.findByText('已确认 27 个居民区的得分');
    expect(calls.find((c) => c.path.endsWith('/confirm'))?.body).toEqual({ rule: 'mean' });
  });

  it('offers no confirm on an item the department does not lead', async () => {
    const user = userEvent.setup();
    renderWithServer(<ScorerView year={2025} />, scoringServer());
    await user.click(await screen.findByRole('tab', { name: '维护社会和谐稳定' }));
    expect(screen.getAllByRole('spinbutton')[0]?.getAttribute('max')).toBe('10');
    expect(screen.queryByRole('button', { name: '确认本项得分' })).toBeNull();
  });

  it('shows a refusal from the server on the row it concerns and keeps what was typed', async () => {
    const user = userEvent.setup();
    renderWithServer(
      <ScorerView year={2025} />,
      scoringServer({
        refuse: {
          status: 409,
          body: {
            error: 'assessment_locked',
            message: '该年度考核已经镇党委定案并锁定，不能再修改',
            issues: [{ path: 'entries.0.points', message: '已锁定' }],
          },
        },
      }),
    );
    await user.type(await screen.findByLabelText('九亭3居得分'), '4');
    await user.type(screen.getByLabelText('九亭3居评分依据'), '依据');
    await user.click(screen.getByRole('button', { name: /保存/ }));
    expect(
      await screen.findByText('未保存：该年度考核已经镇党委定案并锁定，不能再修改'),
    ).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('已锁定');
    expect((screen.getByLabelText('九亭3居得分') as HTMLInputElement).value).toBe('4');
  });

  it('warns before switching items would discard typed scores, and keeps them when asked to', async () => {
    const user = userEvent.setup();
    renderWithServer(<ScorerView year={2025} />, scoringServer());
    await user.type(await screen.findByLabelText('九亭1居得分'), '4');
    await user.click(screen.getByRole('tab', { name: '维护社会和谐稳定' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('还有 1 个居民区的得分或评分依据没有保存');
    await user.click(within(dialog).getByRole('button', { name: '留下保存' }));
    expect((screen.getByLabelText('九亭1居得分') as HTMLInputElement).value).toBe('4');
    expect(
      screen
        .getByRole('tab', { name: '12345 热线及信访、舆情工作情况第1项' })
        .getAttribute('aria-selected'),
    ).toBe('true');

    await user.click(screen.getByRole('tab', { name: '维护社会和谐稳定' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: '放弃修改并切换' }),
    );
    expect(
      screen.getByRole('tab', { name: '维护社会和谐稳定' }).getAttribute('aria-selected'),
    ).toBe('true');
    expect(screen.getAllByRole('spinbutton')[0]?.getAttribute('max')).toBe('10');
  });

  it('switches without asking once the typed scores are saved', async () => {
    const user = userEvent.setup();
    renderWithServer(<ScorerView year={2025} />, scoringServer());
    await user.type(await screen.findByLabelText('九亭1居得分'), '4');
    await user.type(screen.getByLabelText('九亭1居评分依据'), '工单下降');
    await user.click(screen.getByRole('button', { name: '保存（1 处修改）' }));
    await screen.findByText('已保存 1 个居民区的得分');
    await user.click(screen.getByRole('tab', { name: '维护社会和谐稳定' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(
      screen.getByRole('tab', { name: '维护社会和谐稳定' }).getAttribute('aria-selected'),
    ).toBe('true');
  });

  it('asks the browser to warn before the page is closed with unsaved scores', async () => {
    const user = userEvent.setup();
    renderWithServer(<ScorerView year={2025} />, scoringServer());
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    await screen.findByLabelText('九亭1居得分');
    expect(unload()).toBe(false);
    await user.type(screen.getByLabelText('九亭1居得分'), '4');
    expect(unload()).toBe(true);
  });

  it('keeps typed scores as drafts when the screen is left any way, and brings them back unsaved', async () => {
    const user = userEvent.setup();
    const first = renderWithServer(<ScorerView year={2025} />, scoringServer());
    await user.type(await screen.findByLabelText('九亭1居得分'), '4');
    await user.type(screen.getByLabelText('九亭1居评分依据'), '工单下降');
    // Leaving without the dialog: another page, a logout, a closed tab.
    first.unmount();

    const { calls } = renderWithServer(<ScorerView year={2025} />, scoringServer());
    expect(((await screen.findByLabelText('九亭1居得分')) as HTMLInputElement).value).toBe('4');
    expect((screen.getByLabelText('九亭1居评分依据') as HTMLInputElement).value).toBe('工单下降');
    expect(screen.getByText('已恢复上次未保存的 1 个居民区的得分，请核对后保存')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '保存（1 处修改）' }));
    await screen.findByText('已保存 1 个居民区的得分');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      {
        entries: [
          {
            itemId: 'mass.hotline.work-orders',
            communityCode: 'JT01',
            points: 4,
            basis: '工单下降',
          },
        ],
      },
    ]);
    // Saved, it is a draft no more: nothing is brought back next time.
    expect(Object.keys(localStorage).filter((k) => k.startsWith('jiuting:score-drafts:'))).toEqual(
      [],
    );
  });

  it('forgets the drafts it was told to discard', async () => {
    const user = userEvent.setup();
    const first = renderWithServer(<ScorerView year={2025} />, scoringServer());
    await user.type(await screen.findByLabelText('九亭1居得分'), '4');
    await user.click(screen.getByRole('tab', { name: '维护社会和谐稳定' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: '放弃修改并切换' }),
    );
    first.unmount();
    renderWithServer(<ScorerView year={2025} />, scoringServer());
    expect(((await screen.findByLabelText('九亭1居得分')) as HTMLInputElement).value).toBe('');
    expect(screen.queryByText(/已恢复上次未保存/)).toBeNull();
  });
});
