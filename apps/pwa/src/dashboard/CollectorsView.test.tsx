import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CollectorsView, collectionDays } from './CollectorsView.tsx';
import { coverageFixture } from './coverage-fixture.ts';
import { renderDashboard } from './dashboard-test-kit.tsx';

describe('per collector', () => {
  it('shows each collector’s totals and households day by day, latest day first', async () => {
    const fixture = coverageFixture();
    const interviewer = {
      userId: 'u2',
      username: 'liu',
      displayName: '刘访谈',
      role: 'interviewer',
      households: 0,
      responses: 0,
      interviews: 3,
      byDay: [{ date: '2026-11-26', households: 0, responses: 0, interviews: 3 }],
    };
    renderDashboard(<CollectorsView />, ({ path }) =>
      path === '/api/coverage'
        ? { body: { ...fixture, collectors: [...fixture.collectors, interviewer] } }
        : undefined,
    );
    const zhang = within(await screen.findByTestId('collector-zhang'));
    expect(zhang.getByTestId('households').textContent).toBe('9');
    expect(zhang.getByTestId('day-2026-11-26').textContent).toBe('5户');
    expect(zhang.getByTestId('day-2026-11-25').textContent).toBe('4户');
    const liu = within(screen.getByTestId('collector-liu'));
    expect(liu.getByTestId('interviews').textContent).toBe('3');
    expect(liu.getByTestId('day-2026-11-26').textContent).toBe('3访');
    expect(liu.getByTestId('day-2026-11-25').textContent).toBe('·');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      '人员',
      '合计户数',
      '合计访谈',
      '走访未答',
      '11/26',
      '11/25',
    ]);
  });

  it('shows each collector’s 不在家, 拒访 and 空置 visits beside their counts', async () => {
    const fixture = coverageFixture();
    const [zhang] = fixture.collectors;
    renderDashboard(<CollectorsView />, ({ path }) =>
      path === '/api/coverage'
        ? {
            body: {
              ...fixture,
              collectors: [{ ...zhang, visits: { notHome: 4, refused: 1, vacant: 2 } }],
            },
          }
        : undefined,
    );
    const row = within(await screen.findByTestId('collector-zhang'));
    expect(row.getByTestId('visits').textContent).toBe('不在家 4 · 拒访 1 · 空置 2');
  });

  it('lists every day anyone collected on, once, latest first', () => {
    const day = (date: string) => ({ date, households: 1, responses: 1, interviews: 0 });
    const person = (byDay: ReturnType<typeof day>[]) => ({
      userId: 'x',
      username: 'x',
      displayName: 'x',
      role: 'canvasser',
      households: 0,
      responses: 0,
      interviews: 0,
      byDay,
    });
    expect(
      collectionDays([
        person([day('2026-11-20'), day('2026-11-22')]),
        person([day('2026-11-21'), day('2026-11-22')]),
      ]),
    ).toEqual(['2026-11-22', '2026-11-21', '2026-11-20']);
  });
});
