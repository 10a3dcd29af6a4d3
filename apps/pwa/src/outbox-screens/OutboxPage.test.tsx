import { screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { CANVASSER, renderWithApp } from '../../test/render.tsx';
import { freshDb, queueItems, surveyItem } from '../outbox/outbox.test-kit.ts';
import { applyOutcomes, claimBatch } from '../outbox/store.ts';
import { OutboxPage } from './OutboxPage.tsx';

test('after sync, a survey the server took as a repeat says so among the recently uploaded', async () => {
  const db = freshDb();
  const [repeat = '', counted = ''] = await queueItems(db, [
    surveyItem({ householdAddress: '12号301室' }),
    surveyItem({ householdAddress: '12号302室' }),
  ]);
  await claimBatch(db, 'e', Date.now(), 60_000, 2);
  await applyOutcomes(
    db,
    'e',
    new Map([
      [repeat, { kind: 'synced', repeat: true } as const],
      [counted, { kind: 'synced' } as const],
    ]),
    Date.now(),
  );
  renderWithApp(<OutboxPage user={CANVASSER} communityName={(code) => code} />, db);
  const notes = await screen.findAllByRole('note');
  expect(notes.map((n) => n.closest('li')?.textContent)).toEqual([
    expect.stringContaining('12号301室'),
  ]);
  expect(notes[0]?.textContent).toContain('重复户：该户已计入覆盖率');
  expect(screen.getAllByText('已上传')).toHaveLength(2);
});
