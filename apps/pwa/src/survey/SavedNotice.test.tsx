import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { renderWithApp } from '../../test/render.tsx';
import { freshDb, queueItems, surveyItem } from '../outbox/outbox.test-kit.ts';
import { applyOutcomes, claimBatch } from '../outbox/store.ts';
import { prefillOf } from '../visits/prefill.ts';
import { listedHousehold } from '../visits/visit-list-fixture.ts';
import { saveVisitList } from '../visits/visit-list-store.ts';
import { SavedNotice } from './SavedNotice.tsx';

describe('the notice after 提交', () => {
  test('says 已保存，待上传 while queued and 已上传 once the server has it, and a repeat says so', async () => {
    const db = freshDb();
    const [id = ''] = await queueItems(db, [surveyItem()]);
    renderWithApp(<SavedNotice kind="survey" id={id} />, db);
    expect(await screen.findByText('已保存，待上传')).toBeTruthy();
    await claimBatch(db, 'e', Date.now(), 60_000, 1);
    await applyOutcomes(
      db,
      'e',
      new Map([[id, { kind: 'synced', repeat: true } as const]]),
      Date.now(),
    );
    expect(await screen.findByText('已上传')).toBeTruthy();
    expect(screen.getByText(/该户已计入覆盖率/)).toBeTruthy();
  });

  test('下一户 keeps the community, building, unit and channel and opens the next room of the list', async () => {
    const db = freshDb();
    const room = (room: string, state: 'unvisited' | 'counted' = 'unvisited') =>
      listedHousehold(
        { area: '九亭小区', lane: '100', building: '12', unit: '1', room },
        { state },
      );
    await saveVisitList(
      db,
      {
        communityCode: 'DEMO01',
        generatedAt: new Date().toISOString(),
        registered: true,
        sample: null,
        households: [room('101'), room('102', 'counted'), room('201')],
      },
      Date.now(),
    );
    const form = {
      communityCode: 'DEMO01',
      area: '九亭小区',
      road: '',
      lane: '100',
      building: '12',
      unit: '1',
      room: '101',
      channel: 'phone',
    };
    renderWithApp(<SavedNotice kind="survey" id="x" form={form} />, db);
    await userEvent.setup().click(screen.getByRole('button', { name: '下一户' }));
    await waitFor(() => expect(location.hash).toMatch(/^#\/survey\//));
    const nextId = location.hash.split('/')[2] ?? '';
    // 102 is already counted: the next room to knock at is 201.
    expect(prefillOf(nextId)).toEqual({ ...form, room: '201' });
  });
});
