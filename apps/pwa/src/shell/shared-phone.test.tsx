import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, test } from 'vitest';
import { CANVASSER, COMMUNITIES, renderWithApp } from '../../test/render.tsx';
import type { Fetch } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { freshDb, queueItems, surveyItem } from '../outbox/outbox.test-kit.ts';
import { enqueue } from '../outbox/store.ts';
import { App } from './App.tsx';

// One phone, several people: each sees, sends and exports only what they collected.

/** /api/me says `user` is signed in; /api/sync is unreachable, so nothing leaves the phone. */
function serverFor(user: User): Fetch {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  return async (input) => {
    const path = new URL(input).pathname;
    if (path === '/api/me') return json(200, { user });
    if (path === '/api/communities') return json(200, { communities: COMMUNITIES });
    throw new TypeError('unreachable');
  };
}

const COORDINATOR: User = {
  id: 'u9',
  username: 'coordinator-zhao',
  displayName: '赵专班',
  role: 'coordinator',
  communities: [],
};

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '#/');
});

describe('a phone shared by several people', () => {
  test("another person's unsent records are neither counted nor listed for the signed-in person, only named with their number", async () => {
    const db = freshDb();
    await queueItems(db, [surveyItem(), surveyItem()]);
    const [othersId] = await queueItems(
      db,
      [surveyItem({ householdAddress: '88号1801室' }), surveyItem(), surveyItem()],
      Date.now(),
      'canvasser-li',
    );
    history.replaceState(null, '', '#/outbox');
    renderWithApp(<App />, db, serverFor(CANVASSER));

    await waitFor(() => expect(screen.getByTestId('unsent-count').textContent).toBe('2'));
    await screen.findByText('canvasser-li：3 条未上传');
    expect(document.body.textContent).not.toContain('88号1801');
    expect(screen.getAllByText('待上传')).toHaveLength(2);
    // A canvasser cannot take another person's records off the phone.
    expect(screen.queryByRole('button', { name: '导出其记录' })).toBeNull();
    expect((await db.items.get(othersId as string))?.state).toBe('queued');
  });

  test("another person's record does not open from its address, so it is neither shown nor changed", async () => {
    const db = freshDb();
    const [othersId] = await queueItems(db, [surveyItem()], Date.now(), 'canvasser-li');
    await db.items.update(othersId as string, { state: 'rejected' });
    history.replaceState(null, '', `#/survey/${othersId}`);
    renderWithApp(<App />, db, serverFor(CANVASSER));
    expect(await screen.findByText(/由其他人员采集/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /提交/ })).toBeNull();
  });

  test('a coordinator signed in on the phone can hand over each other person’s records as a file', async () => {
    const db = freshDb();
    await queueItems(db, [surveyItem()], Date.now(), 'canvasser-li');
    history.replaceState(null, '', '#/outbox');
    renderWithApp(<App />, db, serverFor(COORDINATOR));
    await screen.findByText('canvasser-li：1 条未上传');
    expect(screen.getByRole('button', { name: '导出其记录' })).toBeTruthy();
  });

  test('records saved before the phone recorded their collector go to the first person who signs in', async () => {
    const db = freshDb();
    const payload = surveyItem();
    await enqueue(db, { id: 'old-1', kind: 'survey', payload, form: {} }, Date.now());
    renderWithApp(<App />, db, serverFor(CANVASSER));
    await waitFor(() => expect(screen.getByTestId('unsent-count').textContent).toBe('1'));
    await waitFor(async () =>
      expect((await db.items.get('old-1'))?.collectedBy).toBe(CANVASSER.username),
    );
  });
});
