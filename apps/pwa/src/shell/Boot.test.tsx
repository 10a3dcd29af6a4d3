import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CANVASSER, COMMUNITIES, renderWithApp } from '../../test/render.tsx';
import type { Fetch } from '../api/client.ts';
import { rememberUser } from '../api/session.ts';
import { freshDb, queueItems, surveyItem } from '../outbox/outbox.test-kit.ts';
import { App } from './App.tsx';
import { Boot } from './Boot.tsx';

/** /api/me answers `me` (null: signed out, 401); every path asked is recorded. */
function server(me: typeof CANVASSER | null) {
  const asked: string[] = [];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch: Fetch = async (input) => {
    const path = new URL(input).pathname;
    asked.push(path);
    if (path === '/api/me')
      return me
        ? json(200, { user: me })
        : json(401, { error: 'unauthenticated', message: '请先登录' });
    if (path === '/api/communities') return json(200, { communities: COMMUNITIES });
    if (path === '/api/auth/login') return json(200, { user: CANVASSER });
    throw new TypeError('unreachable');
  };
  return { asked, fetch };
}

/** The rest of the app, arriving when the test says (the real app, in the test's providers). */
function heldBack() {
  let arrive: () => void = () => {};
  const loaded = new Promise<ReactElement>((resolve) => {
    arrive = () => resolve(<App />);
  });
  return { load: () => loaded, arrive: () => act(async () => arrive()) };
}

/** Fails the test if the sign-in button is ever in the document, however briefly. */
function watchForSignInForm() {
  let seen = false;
  const check = () => {
    seen ||= [...document.querySelectorAll('button')].some((b) => b.textContent === '登录');
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  return {
    seen: () => {
      check();
      return seen;
    },
    stop: () => observer.disconnect(),
  };
}

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '#/');
});
afterEach(() => localStorage.clear());

describe('the first screen, before the outbox has loaded', () => {
  test('a phone that remembers nobody shows the sign-in form at once, without asking the server', async () => {
    const { load } = heldBack();
    const { asked, fetch } = server(null);
    renderWithApp(<Boot load={load} />, freshDb(), fetch);
    expect(screen.getByRole('heading', { name: '九亭镇满意度测评' })).toBeTruthy();
    expect(screen.getByLabelText('账号')).toBeTruthy();
    expect(screen.getByRole('button', { name: '登录' })).toBeTruthy();
    // The count is not known before IndexedDB answers: never "0".
    expect(screen.getByRole('link', { name: /未上传/ }).textContent).toBe('未上传 …');
    expect(asked).toEqual([]);
  });

  test('a phone that remembers who signed in shows no sign-in form before home, at any moment', async () => {
    rememberUser(CANVASSER);
    const watch = watchForSignInForm();
    const { load, arrive } = heldBack();
    renderWithApp(<Boot load={load} />, freshDb(), server(CANVASSER).fetch);
    expect(screen.getByText('正在打开…')).toBeTruthy();
    await arrive();
    expect(await screen.findByRole('button', { name: '退出登录' })).toBeTruthy();
    watch.stop();
    expect(watch.seen()).toBe(false);
  });

  test('what was typed before the app took over is still there, in the field being typed in', async () => {
    const user = userEvent.setup();
    const { load, arrive } = heldBack();
    renderWithApp(<Boot load={load} />, freshDb(), server(null).fetch);
    await user.type(screen.getByLabelText('账号'), 'wang');
    await user.type(screen.getByLabelText('密码'), 'secret');
    await arrive();
    await waitFor(() => expect(screen.getByRole('button', { name: '立即同步' })).toBeTruthy());
    const password = screen.getByLabelText('密码') as HTMLInputElement;
    expect((screen.getByLabelText('账号') as HTMLInputElement).value).toBe('wang');
    expect(password.value).toBe('secret');
    expect(document.activeElement).toBe(password);
  });

  test('someone typing in the first form keeps it until they have signed in, then home shows', async () => {
    const user = userEvent.setup();
    const { load, arrive } = heldBack();
    const { fetch, asked } = server(null);
    renderWithApp(<Boot load={load} />, freshDb(), fetch);
    const username = screen.getByLabelText('账号');
    await user.type(username, 'wang');
    await arrive();
    // The app has arrived, but the form under the canvasser's thumbs is not swapped out.
    expect(screen.getByLabelText('账号')).toBe(username);
    await user.type(screen.getByLabelText('密码'), 'secret');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByRole('link', { name: '填写满意度问卷' })).toBeTruthy();
    expect(asked).toContain('/api/auth/login');
  });

  test('records waiting for a login go as soon as the app takes over from a sign-in on the first screen', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    await queueItems(db, [surveyItem()], Date.now(), CANVASSER.username);
    let signedIn = false;
    const synced: string[] = [];
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    const fetch: Fetch = async (input, init) => {
      const path = new URL(input).pathname;
      if (path === '/api/ping') return json(200, { ok: true });
      if (path === '/api/me')
        return signedIn
          ? json(200, { user: CANVASSER })
          : json(401, { error: 'unauthenticated', message: '请先登录' });
      if (path === '/api/auth/login') {
        signedIn = true;
        return json(200, { user: CANVASSER });
      }
      if (path === '/api/communities') return json(200, { communities: COMMUNITIES });
      if (path === '/api/sync') {
        const { items } = JSON.parse(String(init?.body)) as { items: { id: string }[] };
        synced.push(...items.map((i) => i.id));
        return json(200, { results: items.map((i) => ({ id: i.id, status: 'accepted' })) });
      }
      throw new TypeError('unreachable');
    };
    const { load, arrive } = heldBack();
    const { engine } = renderWithApp(<Boot load={load} />, db, fetch);
    // The outbox started before anyone signed in: it waits for a login.
    await act(() => engine.syncNow());
    expect(engine.getStatus().phase).toBe('needsLogin');
    await user.type(screen.getByLabelText('账号'), 'wang');
    await user.type(screen.getByLabelText('密码'), 'secret');
    await user.click(screen.getByRole('button', { name: '登录' }));
    await arrive();
    await waitFor(() => expect(synced).toHaveLength(1));
  });

  test('when the rest of the app cannot be loaded, the phone says so instead of hanging', async () => {
    rememberUser(CANVASSER);
    const failing = Promise.reject(new TypeError('chunk not reachable'));
    failing.catch(() => {});
    renderWithApp(<Boot load={() => failing} />, freshDb(), server(CANVASSER).fetch);
    expect((await screen.findByRole('alert')).textContent).toContain('无法打开应用');
  });
});
