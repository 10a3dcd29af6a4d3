import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, test } from 'vitest';
import { CANVASSER, COMMUNITIES, renderWithApp } from '../../test/render.tsx';
import type { Fetch } from '../api/client.ts';
import { freshDb, queueItems, surveyItem } from '../outbox/outbox.test-kit.ts';
import { applyOutcomes, claimBatch, saveDraft } from '../outbox/store.ts';
import { App } from './App.tsx';

/** Answers the few routes the shell reads, as docs/api.md describes them; /api/sync is unreachable. */
function fakeServer(me: typeof CANVASSER = CANVASSER) {
  const state = { signedIn: true, logouts: 0 };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch: Fetch = async (input, init) => {
    const path = new URL(input).pathname;
    if (path === '/api/me')
      return state.signedIn
        ? json(200, { user: me })
        : json(401, { error: 'unauthenticated', message: '请先登录' });
    if (path === '/api/communities') return json(200, { communities: COMMUNITIES });
    if (path === '/api/assessment/years') return json(200, { years: [] });
    if (path === '/api/auth/logout' && init?.method === 'POST') {
      state.logouts += 1;
      state.signedIn = false;
      return json(200, { ok: true });
    }
    throw new TypeError('unreachable');
  };
  return { state, fetch };
}

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '#/');
});

describe('the app shell', () => {
  test('the header shows how many records are still only on this phone', async () => {
    const db = freshDb();
    await queueItems(db, [surveyItem(), surveyItem()]);
    renderWithApp(<App />, db, fakeServer().fetch);
    await waitFor(() => expect(screen.getByTestId('unsent-count').textContent).toBe('2'));
    expect(screen.getByRole('button', { name: '立即同步' })).toBeTruthy();
  });

  test('logging out with unsent records asks first, and after agreeing keeps them on the phone', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    await queueItems(db, [surveyItem(), surveyItem(), surveyItem()]);
    const server = fakeServer();
    renderWithApp(<App />, db, server.fetch);
    await waitFor(() => expect(screen.getByTestId('unsent-count').textContent).toBe('3'));

    await user.click(await screen.findByRole('button', { name: '退出登录' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('本机还有 3 条记录未上传');
    await user.click(within(dialog).getByRole('button', { name: '先不退出' }));
    expect(server.state.logouts).toBe(0);

    await user.click(screen.getByRole('button', { name: '退出登录' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: '仍然退出' }),
    );
    await screen.findByRole('button', { name: '登录' });
    expect(server.state.logouts).toBe(1);
    expect(await db.items.where('state').equals('queued').count()).toBe(3);
    expect(screen.getByTestId('unsent-count').textContent).toBe('3');
  });

  test('a rejected record is listed with the server’s reason and can be opened for fixing', async () => {
    const db = freshDb();
    const [id] = await queueItems(db, [surveyItem({ communityCode: 'DEMO01' })]);
    await claimBatch(db, 'e', Date.now(), 60_000, 1);
    await applyOutcomes(
      db,
      'e',
      new Map([
        [
          id as string,
          {
            kind: 'rejected',
            reason: {
              status: 'rejected',
              error: 'community_not_assigned',
              message: '您未被分配到该居民区',
            },
          } as const,
        ],
      ]),
      Date.now(),
    );
    history.replaceState(null, '', '#/outbox');
    renderWithApp(<App />, db, fakeServer().fetch);
    expect(await screen.findByText('您未被分配到该居民区')).toBeTruthy();
    expect(screen.getByText('被退回')).toBeTruthy();
    expect(screen.getByRole('link', { name: '修改' }).getAttribute('href')).toBe(`#/survey/${id}`);
    expect(screen.getByRole('button', { name: '重新发送' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('1 条被退回需处理');
  });

  test('an unsent record older than 24 hours raises a warning in the header', async () => {
    const db = freshDb();
    await queueItems(db, [surveyItem()], Date.now() - 25 * 60 * 60 * 1000);
    renderWithApp(<App />, db, fakeServer().fetch);
    expect((await screen.findByText(/超过 24 小时未上传/)).getAttribute('role')).toBe('alert');
  });

  test('an unfinished draft is listed on the home screen, resumable, and deleted only after confirming', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    await saveDraft(
      db,
      {
        id: 'draft-1',
        kind: 'survey',
        communityCode: 'DEMO01',
        form: { building: '7', unit: '', room: '202' },
      },
      Date.now(),
    );
    renderWithApp(<App />, db, fakeServer().fetch);
    const drafts = await screen.findByRole('heading', { name: '未完成的草稿（1）' });
    const list = drafts.parentElement as HTMLElement;
    expect(list.textContent).toContain('7号202室');
    expect(within(list).getByRole('link', { name: '继续' }).getAttribute('href')).toBe(
      '#/survey/draft-1',
    );

    await user.click(within(list).getByRole('button', { name: '删除' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '取消' }));
    expect(await db.items.get('draft-1')).toBeDefined();

    await user.click(within(list).getByRole('button', { name: '删除' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '删除' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: /未完成的草稿/ })).toBeNull());
    expect(await db.items.get('draft-1')).toBeUndefined();
  });

  test('the home screen links to 修改密码 beside 退出登录, and the link opens the form', async () => {
    const user = userEvent.setup();
    renderWithApp(<App />, freshDb(), fakeServer().fetch);
    await screen.findByRole('button', { name: '退出登录' });
    await user.click(screen.getByRole('link', { name: '修改密码' }));
    expect(await screen.findByRole('heading', { name: '修改密码' })).toBeTruthy();
    expect(screen.getByLabelText('当前密码')).toBeTruthy();
  });

  test('a department scorer, whose home is the assessment, signs out from there', async () => {
    const user = userEvent.setup();
    const server = fakeServer({
      ...CANVASSER,
      username: 'scorer',
      displayName: '李评分',
      role: 'department_scorer',
    });
    renderWithApp(<App />, freshDb(), server.fetch);
    await user.click(await screen.findByRole('button', { name: '退出登录' }));
    await waitFor(() => expect(server.state.logouts).toBe(1));
    expect(await screen.findByLabelText('密码')).toBeTruthy();
  });

  test('a phone that remembers nobody shows the sign-in form while /api/me is still unanswered', async () => {
    const never: Fetch = () => new Promise<Response>(() => {});
    renderWithApp(<App />, freshDb(), never);
    expect(await screen.findByRole('button', { name: '登录' })).toBeTruthy();
    expect(screen.queryByText('正在打开…')).toBeNull();
  });

  test('signing in before the first /api/me has answered: its late 401 neither signs the phone out nor makes it forget', async () => {
    const user = userEvent.setup();
    let answerMe: (response: Response) => void = () => {};
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    const fetch: Fetch = (input, init) => {
      const path = new URL(input).pathname;
      if (path === '/api/me') return new Promise<Response>((resolve) => (answerMe = resolve));
      if (path === '/api/auth/login' && init?.method === 'POST')
        return Promise.resolve(json(200, { user: CANVASSER }));
      if (path === '/api/communities')
        return Promise.resolve(json(200, { communities: COMMUNITIES }));
      return Promise.reject(new TypeError('unreachable'));
    };
    renderWithApp(<App />, freshDb(), fetch);
    await user.type(await screen.findByLabelText('账号'), CANVASSER.username);
    await user.type(screen.getByLabelText('密码'), 'password-1');
    await user.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByRole('button', { name: '退出登录' });

    answerMe(json(401, { error: 'unauthenticated', message: '请先登录' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByRole('button', { name: '退出登录' })).toBeTruthy();
    expect(JSON.parse(localStorage.getItem('jiuting:lastUser') ?? 'null')?.username).toBe(
      CANVASSER.username,
    );
  });
});
