import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Call } from './dashboard.test-kit.tsx';
import { renderDashboard } from './dashboard.test-kit.tsx';
import type { ReviewResponse } from './dashboard-types.ts';
import { ReviewView } from './ReviewView.tsx';

const ID = '7a1d0c1e-3b9f-4c55-9f38-6a7a4f0e1d21';

/** A tiny review server: one response that a POST can mark invalid and restore. */
function reviewServer() {
  let item: ReviewResponse = {
    id: ID,
    communityCode: 'JT01',
    communityName: '九亭一居',
    collector: '张采集',
    collectedAt: '2026-11-26T02:00:00Z',
    receivedAt: '2026-11-26T02:05:00Z',
    householdKey: '12号301室',
    householdAddress: '12-301',
    channel: 'door',
    score: 78,
    counted: true,
    answers: {
      q1: 'A',
      q2: 'C',
      q3: 'A',
      q4: 'B',
      q5: 'C',
      q6: 'D',
      q7: 'C',
      q8: 'B',
      q9: 'A',
      q10: ['A', 'H'],
      q10Other: '路灯坏了',
      q11: ['F'],
    },
    startedAt: '2026-11-26T01:54:30Z',
    answerChanges: 2,
    questionnaireVersion: 1,
    sessionId: '3f9a1c2e-7b4d-4e21-9c55-0a1b2c3d4e5f',
    flags: ['night'],
    invalid: null,
  };
  return ({ method, path, body }: Call) => {
    if (method === 'GET' && path.startsWith('/api/review/responses')) {
      return { body: { items: [item], total: 1, page: 1, pageSize: 50 } };
    }
    if (method === 'GET' && path === '/api/communities') {
      return {
        body: {
          communities: [{ code: 'JT01', name: '九亭一居', type: '导入居', totalHouseholds: 200 }],
        },
      };
    }
    if (method === 'POST' && path === `/api/review/responses/${ID}/invalidate`) {
      const reason = (body as { reason: string }).reason;
      item = {
        ...item,
        counted: false,
        invalid: { at: '2026-11-27T03:00:00Z', reason, byUserId: 'c1', byDisplayName: '李专班' },
      };
      return { body: { item } };
    }
    if (method === 'POST' && path === `/api/review/responses/${ID}/restore`) {
      item = { ...item, counted: true, invalid: null };
      return { body: { item } };
    }
    return undefined;
  };
}

describe('review', () => {
  it('shows a response’s answers as printed, its fill time, changes and flags', async () => {
    const user = userEvent.setup();
    renderDashboard(<ReviewView />, reviewServer());
    const row = within(await screen.findByTestId(`review-${ID}`));
    expect(row.getByText('夜间采集')).toBeTruthy();
    // Every choice at a glance before opening.
    expect(row.getByText('（1A 2C 3A 4B 5C 6D 7C 8B 9A 10 A,H 11 F）')).toBeTruthy();
    await user.click(row.getByText('查看答案'));
    expect(
      row.getByText(
        '门牌（原样）：12-301 · 填写用时：5 分 30 秒 · 改答：2 次 · 问卷版本：第 1 版（2025 年） · 设备会话：3f9a1c2e',
      ),
    ).toBeTruthy();
    expect(row.getByText('A. 楼道堆物；H. 其他：路灯坏了')).toBeTruthy();
    expect(row.getByText('D. 改善较大')).toBeTruthy();
  });

  it('labels each response’s letters by the questionnaire version it was filled with', async () => {
    const user = userEvent.setup();
    const listed = reviewServer()({
      method: 'GET',
      path: '/api/review/responses',
      body: undefined,
    }) as { body: { items: ReviewResponse[] } };
    const base = listed.body.items[0] as ReviewResponse;
    const answers = { ...base.answers, q4: 'C' };
    const items: ReviewResponse[] = [
      { ...base, id: 'v1', questionnaireVersion: 1, answers },
      { ...base, id: 'v2', questionnaireVersion: 2, answers },
      { ...base, id: 'v9', questionnaireVersion: 9, answers },
    ];
    renderDashboard(<ReviewView />, ({ method, path }: Call) => {
      if (method === 'GET' && path.startsWith('/api/review/responses')) {
        return { body: { items, total: 3, page: 1, pageSize: 50 } };
      }
      if (path === '/api/communities') return { body: { communities: [] } };
      return undefined;
    });
    const opened = async (id: string) => {
      const row = within(await screen.findByTestId(`review-${id}`));
      await user.click(row.getByText('查看答案'));
      return row;
    };
    const v1 = await opened('v1');
    expect(v1.getByText('C. 半年一次')).toBeTruthy();
    expect(v1.getByText(/问卷版本：第 1 版（2025 年）/)).toBeTruthy();
    const v2 = await opened('v2');
    expect(v2.getByText('C. 半年一次（含电话、微信联系）')).toBeTruthy();
    expect(v2.getByText(/问卷版本：第 2 版（2026 年）/)).toBeTruthy();
    // A version this app does not know: its letters, never another version's words.
    const v9 = await opened('v9');
    expect(v9.getByText(/本应用不认识这个版本/)).toBeTruthy();
    expect(v9.queryByText(/半年一次/)).toBeNull();
  });

  it('steps to the next page by the cursor the server gave, and back to page 1 without one', async () => {
    const user = userEvent.setup();
    const handler = reviewServer();
    const { server } = renderDashboard(<ReviewView />, (call: Call) => {
      const answer = handler(call);
      if (call.method === 'GET' && call.path.startsWith('/api/review/responses')) {
        const cursor = new URL(call.path, 'http://x').searchParams.get('cursor');
        const body = (answer as { body: { items: unknown[] } }).body;
        return {
          body: { ...body, total: 120, nextCursor: cursor === null ? '9050' : '9000' },
        };
      }
      return answer;
    });
    await screen.findByTestId(`review-${ID}`);
    const last = () =>
      server.calls.filter((c) => c.path.startsWith('/api/review/responses')).at(-1)?.path ?? '';
    await user.click(screen.getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(last()).toContain('cursor=9050'));
    expect(screen.getByText('第 2 / 3 页')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(last()).toContain('cursor=9000'));
    await user.click(screen.getByRole('button', { name: '上一页' }));
    await user.click(screen.getByRole('button', { name: '上一页' }));
    await waitFor(() => expect(screen.getByText('第 1 / 3 页')).toBeTruthy());
    // Page 1 again, and a new filter, start from the top: no cursor.
    await user.selectOptions(screen.getByLabelText('采集方式'), 'qr');
    await waitFor(() => expect(last()).toContain('channel=qr'));
    expect(last()).not.toContain('cursor=');
  });

  it('sends the chosen channel, collector, flag and address to the server', async () => {
    const user = userEvent.setup();
    const { server } = renderDashboard(<ReviewView />, reviewServer());
    await screen.findByTestId(`review-${ID}`);
    await user.selectOptions(screen.getByLabelText('采集方式'), 'qr');
    await user.selectOptions(screen.getByLabelText('质量提示'), 'too_fast');
    await user.type(screen.getByLabelText('门牌'), '12-301');
    await user.click(screen.getByRole('button', { name: '查找' }));
    const last = () =>
      server.calls.filter((c) => c.path.startsWith('/api/review/responses')).at(-1)?.path ?? '';
    await waitFor(() => expect(last()).toContain('address=12-301'));
    expect(last()).toContain('channel=qr');
    expect(last()).toContain('flag=too_fast');
  });

  it('marks a response invalid with the reason typed, then shows it as invalid with who and why', async () => {
    const user = userEvent.setup();
    const { server } = renderDashboard(<ReviewView />, reviewServer());
    const row = within(await screen.findByTestId(`review-${ID}`));
    expect(row.getByTestId('review-status').textContent).toBe('计入');
    expect(row.getByText('12号301室 · 上门 · 78 分')).toBeTruthy();

    await user.click(row.getByRole('button', { name: '标记无效' }));
    await user.type(row.getByLabelText('无效原因（必填）'), '门牌不存在');
    await user.click(row.getByRole('button', { name: '确认标记无效' }));

    await screen.findByText('李专班 于 11月27日 11:00 标记无效：门牌不存在');
    expect(
      within(screen.getByTestId(`review-${ID}`)).getByTestId('review-status').textContent,
    ).toBe('无效');
    const post = server.calls.find((c) => c.method === 'POST');
    expect(post).toEqual({
      method: 'POST',
      path: `/api/review/responses/${ID}/invalidate`,
      body: { reason: '门牌不存在' },
    });
    // The list was read again after the change.
    expect(
      server.calls.filter((c) => c.path.startsWith('/api/review/responses?')).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('asks for a reason instead of sending an empty one', async () => {
    const user = userEvent.setup();
    const { server } = renderDashboard(<ReviewView />, reviewServer());
    const row = within(await screen.findByTestId(`review-${ID}`));
    await user.click(row.getByRole('button', { name: '标记无效' }));
    await user.type(row.getByLabelText('无效原因（必填）'), '   ');
    await user.click(row.getByRole('button', { name: '确认标记无效' }));
    expect(row.getByText('请填写标记无效的原因')).toBeTruthy();
    expect(server.calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('restores an invalid response', async () => {
    const user = userEvent.setup();
    const handler = reviewServer();
    handler({
      method: 'POST',
      path: `/api/review/responses/${ID}/invalidate`,
      body: { reason: '误录' },
    });
    const { server } = renderDashboard(<ReviewView />, handler);
    const row = within(await screen.findByTestId(`review-${ID}`));
    expect(row.getByTestId('review-status').textContent).toBe('无效');
    await user.click(row.getByRole('button', { name: '恢复有效' }));
    await screen.findByRole('button', { name: '标记无效' });
    expect(
      within(screen.getByTestId(`review-${ID}`)).getByTestId('review-status').textContent,
    ).toBe('计入');
    expect(server.calls.some((c) => c.method === 'POST' && c.path.endsWith('/restore'))).toBe(true);
  });

  it('shows the server’s Chinese refusal beside the item', async () => {
    const user = userEvent.setup();
    const inner = reviewServer();
    renderDashboard(<ReviewView />, (call) =>
      call.method === 'POST'
        ? { status: 409, body: { error: 'already_invalid', message: '该记录已被标记为无效' } }
        : inner(call),
    );
    const row = within(await screen.findByTestId(`review-${ID}`));
    await user.click(row.getByRole('button', { name: '标记无效' }));
    await user.type(row.getByLabelText('无效原因（必填）'), '重复');
    await user.click(row.getByRole('button', { name: '确认标记无效' }));
    expect((await row.findByRole('alert')).textContent).toBe('该记录已被标记为无效');
  });

  it('asks the server for one community’s records when one is chosen', async () => {
    const user = userEvent.setup();
    const { server } = renderDashboard(<ReviewView />, reviewServer());
    await screen.findByTestId(`review-${ID}`);
    await screen.findByRole('option', { name: '九亭一居' });
    await user.selectOptions(screen.getByLabelText('居民区'), 'JT01');
    await user.selectOptions(screen.getByLabelText('状态'), 'invalid');
    expect(server.calls.map((c) => c.path)).toContain(
      '/api/review/responses?community=JT01&status=invalid&page=1&pageSize=50',
    );
  });
});
