import { screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { CANVASSER, renderWithApp } from '../../test/render.tsx';
import type { Fetch } from '../api/client.ts';
import FieldProgress from './FieldProgress.tsx';

const ROW = {
  code: 'DEMO01',
  name: '示例居民区01',
  type: '导入居',
  totalHouseholds: 1200,
  surveyedHouseholds: 250,
  coverage: 250 / 1200,
  meetsTarget: false,
  shortfall: 110,
  responses: 260,
  repeats: 10,
  interviews: { total: 7, target: 20, meetsTarget: false, shortfall: 13, byGroup: {} },
};

test('the home screen shows counted / target, shortfall, today and mine for each assigned community', async () => {
  localStorage.clear();
  const fetch: Fetch = async () =>
    new Response(
      JSON.stringify({
        communities: [ROW],
        fieldProgress: {
          day: '2026-05-01',
          communities: [{ code: 'DEMO01', today: 12, mine: 40 }],
        },
      }),
      { headers: { 'content-type': 'application/json' } },
    );
  renderWithApp(<FieldProgress user={CANVASSER} />, undefined, fetch);
  const card = await screen.findByTestId('progress-DEMO01');
  expect(card.textContent).toContain('已计入 250 / 目标 360 户（30%）');
  expect(card.textContent).toContain('还差 110 户');
  expect(card.textContent).toContain('今日 12 户 · 我的 40 户');
  // Interviews are an interviewer's figure, not a canvasser's.
  expect(card.textContent).not.toContain('访谈');
  expect(screen.getByText(/进度更新于/)).toBeTruthy();
});

test('offline, the figures of the last answer are shown and said to be old', async () => {
  localStorage.setItem(
    'jiuting:lastFieldProgress',
    JSON.stringify({
      answer: { communities: [ROW] },
      fetchedAt: Date.parse('2026-05-01T02:00:00Z'),
    }),
  );
  renderWithApp(<FieldProgress user={{ ...CANVASSER, role: 'interviewer' }} />);
  const card = await screen.findByTestId('progress-DEMO01');
  expect(card.textContent).toContain('访谈 7 / 20 人');
  expect(card.textContent).toContain('今日 — 户');
  expect(screen.getByText(/离线，显示上次同步的数据/)).toBeTruthy();
});
