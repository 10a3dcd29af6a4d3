import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { CANVASSER, COMMUNITIES, renderWithApp } from '../../test/render.tsx';
import type { Fetch } from '../api/client.ts';
import { freshDb } from '../outbox/outbox.test-kit.ts';
import { prefillOf } from './prefill.ts';
import VisitListPage from './VisitListPage.tsx';
import type { VisitList } from './visit-list.ts';
import { listedHousehold } from './visit-list-fixture.ts';
import { saveVisitList } from './visit-list-store.ts';

const at = (
  room: string,
  state: VisitList['households'][number]['state'] = 'unvisited',
  unit = '1',
) => listedHousehold({ area: '九亭小区', lane: '100', building: '12', unit, room }, { state });

const LIST: VisitList = {
  communityCode: 'DEMO01',
  generatedAt: '2026-05-01T02:00:00.000Z',
  registered: true,
  sample: { drawnAt: '2026-05-01T01:00:00.000Z', seed: 7, size: 1, reserveSize: 0 },
  households: [
    { ...at('202'), sample: { list: 'sample', rank: 1 } },
    at('101'),
    at('102', 'counted'),
    at('201', 'not_home'),
    at('301', 'unvisited', '2'),
    listedHousehold({ area: '新姚村', building: '25' }, { state: 'resident_qr' }),
  ],
};

async function renderStored(fetch?: Fetch) {
  const db = freshDb();
  await saveVisitList(db, LIST, Date.parse('2026-05-01T03:04:00.000Z'));
  const view = renderWithApp(
    <VisitListPage user={CANVASSER} communities={COMMUNITIES} code="DEMO01" />,
    db,
    fetch,
  );
  await screen.findByText(/名单更新于/);
  return view;
}

const rowOf = (label: RegExp) => screen.getByRole('button', { name: label });

describe('the visit list, offline', () => {
  test('opens the stored list with its time, and browses 小区 → 楼/号 → 单元 → 室 with each state', async () => {
    const user = userEvent.setup();
    await renderStored();
    expect(screen.getByText(/暂时无法连接服务器，显示本机保存的名单/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /九亭小区/ }));
    await user.click(screen.getByRole('button', { name: /100弄12号/ }));
    await user.click(screen.getByRole('button', { name: /1单元/ }));
    const rooms = screen.getAllByRole('button', { name: /室/ }).map((b) => b.textContent);
    expect(rooms).toEqual(['101室未访', '102室已完成', '201室不在家', '202室抽样未访']);
  });

  test('typing a building and room finds the household; 抽样 and 回访 have their own lists', async () => {
    const user = userEvent.setup();
    await renderStored();
    await user.type(screen.getByLabelText('搜索楼号或室号'), '12-2-301');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '九亭小区·100弄12号2单元301室未访',
    ]);
    await user.clear(screen.getByLabelText('搜索楼号或室号'));
    await user.click(screen.getByRole('tab', { name: '抽样（1）' }));
    expect(rowOf(/202室/).textContent).toContain('抽样');
    await user.click(screen.getByRole('tab', { name: '回访（1）' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(rowOf(/201室/).textContent).toContain('不在家');
  });

  test('marking 不在家 queues a visit in the outbox and the household shows 待上传', async () => {
    const user = userEvent.setup();
    const { db } = await renderStored();
    await user.type(screen.getByLabelText('搜索楼号或室号'), '12-101');
    await user.click(rowOf(/101室/));
    await user.click(screen.getByRole('button', { name: '不在家' }));
    expect(await screen.findByText('已记录“不在家”，待上传')).toBeTruthy();
    await waitFor(() => expect(rowOf(/101室/).textContent).toContain('待上传'));
    const [item] = await db.items.toArray();
    expect(item).toMatchObject({
      kind: 'visit',
      state: 'queued',
      communityCode: 'DEMO01',
      collectedBy: CANVASSER.username,
      payload: { kind: 'visit', outcome: 'not_home', householdAddress: at('101').address },
    });
  });

  test('a counted household warns 该户已计入覆盖率 before the survey; continuing opens it with the address filled in', async () => {
    const user = userEvent.setup();
    await renderStored();
    await user.type(screen.getByLabelText('搜索楼号或室号'), '12-102');
    await user.click(rowOf(/102室/));
    await user.click(screen.getByRole('button', { name: '填写问卷' }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText('该户已计入覆盖率')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '返回名单' }));
    expect(location.hash).not.toMatch(/survey/);
    await user.click(screen.getByRole('button', { name: '填写问卷' }));
    await user.click(screen.getByRole('button', { name: '仍然填写' }));
    const id = location.hash.split('/')[2] ?? '';
    expect(prefillOf(id)).toEqual({
      communityCode: 'DEMO01',
      area: '九亭小区',
      road: '',
      lane: '100',
      building: '12',
      unit: '1',
      room: '102',
      channel: 'door',
    });
  });

  test('an unvisited household opens the survey at once', async () => {
    const user = userEvent.setup();
    await renderStored();
    await user.type(screen.getByLabelText('搜索楼号或室号'), '12-101');
    await user.click(rowOf(/101室/));
    await user.click(screen.getByRole('button', { name: '填写问卷' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(prefillOf(location.hash.split('/')[2] ?? '').room).toBe('101');
  });
});

test('online, the list is fetched from the server and stored for the stairwell', async () => {
  const served = { ...LIST, generatedAt: new Date().toISOString() };
  const fetch: Fetch = async (url) =>
    url.endsWith('/api/communities/DEMO01/visit-list')
      ? new Response(JSON.stringify(served), { headers: { 'content-type': 'application/json' } })
      : new Response('{}', { status: 404 });
  const db = freshDb();
  renderWithApp(
    <VisitListPage user={CANVASSER} communities={COMMUNITIES} code="DEMO01" />,
    db,
    fetch,
  );
  expect(await screen.findByText(/名单更新于/)).toBeTruthy();
  expect((await db.visitLists.get('DEMO01'))?.list.generatedAt).toBe(served.generatedAt);
});

test('a survey typed by hand for a household the list counts warns 该户已计入覆盖率, and not for another', async () => {
  const { SurveyForm } = await import('../survey/SurveyForm.tsx');
  const { emptySurveyValues } = await import('../survey/survey-values.ts');
  const user = userEvent.setup();
  const db = freshDb();
  await saveVisitList(db, LIST, Date.now());
  renderWithApp(
    <SurveyForm
      id="typed"
      initial={{ ...emptySurveyValues('DEMO01'), area: '九亭小区', lane: '100' }}
      communities={COMMUNITIES}
      onSaved={() => {}}
    />,
    db,
  );
  await user.type(screen.getByLabelText('楼号'), '12');
  await user.type(screen.getByLabelText('单元'), '1');
  await user.type(screen.getByLabelText('室号'), '102');
  expect(await screen.findByText(/该户已计入覆盖率/)).toBeTruthy();
  await user.clear(screen.getByLabelText('室号'));
  await user.type(screen.getByLabelText('室号'), '101');
  await waitFor(() => expect(screen.queryByText(/该户已计入覆盖率/)).toBeNull());
});
