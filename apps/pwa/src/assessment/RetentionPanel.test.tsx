import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithServer } from './assessment.test-kit.tsx';
import type { RetentionPlan } from './assessment-api.ts';
import { RetentionPanel } from './RetentionPanel.tsx';

const PLAN: RetentionPlan = {
  retentionYears: 2,
  checkedAt: '2028-02-01T00:00:00.000Z',
  years: [
    {
      year: 2025,
      state: 'locked',
      lockedAt: '2026-01-10T02:00:00.000Z',
      dueAt: '2028-01-10T02:00:00.000Z',
      due: true,
      rawDeletedAt: null,
      responses: 1234,
      interviewsWithText: 56,
    },
    {
      year: 2026,
      state: 'locked',
      lockedAt: '2027-01-12T02:00:00.000Z',
      dueAt: '2029-01-12T02:00:00.000Z',
      due: false,
      rawDeletedAt: null,
      responses: 900,
      interviewsWithText: 40,
    },
    {
      year: 2027,
      state: 'open',
      lockedAt: null,
      dueAt: null,
      due: false,
      rawDeletedAt: null,
      responses: 10,
      interviewsWithText: 0,
    },
  ],
  backups: ['2028-01-31T18-00-00Z-nightly.db'],
};

const rows = () =>
  within(screen.getByRole('list', { name: '各年度保存情况' }))
    .getAllByRole('listitem')
    .map((li) => [...li.children].map((c) => c.textContent));

describe('the retention rule’s screen', () => {
  it('shows the dry run year by year, and deletes only after the due years are typed', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithServer(<RetentionPanel />, (call) => {
      if (call.method === 'GET' && call.path === '/api/retention') return { body: PLAN };
      if (call.method === 'POST' && call.path === '/api/retention/apply') {
        return {
          body: {
            ...PLAN,
            deleted: [{ year: 2025, responses: 1234, interviews: 56 }],
            backup: '2028-02-01T00-00-00Z-after-retention.db',
          },
        };
      }
      return undefined;
    });
    expect(await screen.findByText(/锁定 2 年后/)).toBeTruthy();
    expect(rows()).toEqual([
      ['2025 年', '已到期（2028年1月10日），可以删除', '问卷 1234 份 · 含文字的访谈 56 份'],
      ['2026 年', '已锁定，保存至 2029年1月12日', '问卷 900 份 · 含文字的访谈 40 份'],
      ['2027 年', '未锁定，不会删除', '问卷 10 份 · 含文字的访谈 0 份'],
    ]);
    expect(
      screen.getByText(/将删除 2025 年度的 1234 份问卷原始答卷和 56 份访谈文字记录/).textContent,
    ).toContain('并删除 1 份仍含这些内容的旧备份');
    // A dry run only: nothing was sent but the GET.
    expect(calls.map((c) => c.method)).toEqual(['GET']);

    const remove = screen.getByRole('button', { name: '删除到期的原始答卷' });
    expect((remove as HTMLButtonElement).disabled).toBe(true);
    const confirm = screen.getByLabelText('请输入要删除的年度“2025”以确认');
    await user.type(confirm, '2024');
    expect((remove as HTMLButtonElement).disabled).toBe(true);
    await user.clear(confirm);
    await user.type(confirm, '2025');
    await user.click(remove);
    expect((await screen.findByRole('status')).textContent).toContain(
      '已删除 2025 年度的 1234 份问卷、56 份访谈文字',
    );
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ confirm: '2025' });
  });

  it('offers no deletion when nothing is due', async () => {
    renderWithServer(<RetentionPanel />, (call) =>
      call.path === '/api/retention'
        ? { body: { ...PLAN, years: PLAN.years.slice(1), backups: [] } }
        : undefined,
    );
    expect(await screen.findByText('现在没有到期的年度，无需删除。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '删除到期的原始答卷' })).toBeNull();
  });

  it('says in Chinese why the server refused, and that nothing was deleted', async () => {
    const user = userEvent.setup();
    renderWithServer(<RetentionPanel />, (call) =>
      call.method === 'GET'
        ? { body: PLAN }
        : {
            status: 409,
            body: {
              error: 'retention_not_confirmed',
              message: '确认的年度与现在到期的年度（2025、2026）不一致，未删除任何内容',
            },
          },
    );
    await user.type(await screen.findByLabelText('请输入要删除的年度“2025”以确认'), '2025');
    await user.click(screen.getByRole('button', { name: '删除到期的原始答卷' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      '未删除：确认的年度与现在到期的年度（2025、2026）不一致，未删除任何内容',
    );
  });
});
