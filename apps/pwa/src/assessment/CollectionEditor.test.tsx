import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { assessmentYear, renderWithServer } from './assessment.test-kit.tsx';
import type { AssessmentYear } from './assessment-api.ts';
import { CollectionEditor } from './CollectionEditor.tsx';

const OPEN: AssessmentYear = assessmentYear({ year: 2026, createdAt: '2026-01-02T01:00:00Z' });

const summary = () =>
  within(screen.getByRole('list', { name: '当前采集设置' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('the year’s questionnaire version and collection window', () => {
  it('states them, and sends a new version and window with a reason', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithServer(<CollectionEditor year={OPEN} />, (call) =>
      call.method === 'PUT' && call.path === '/api/assessment/2026/collection'
        ? { body: { year: OPEN } }
        : undefined,
    );
    expect(summary()).toEqual([
      '问卷版本：第 1 版（2025 年）',
      '采集时间：自开启年度起，不设结束日期',
    ]);
    const save = screen.getByRole('button', { name: '保存采集设置' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    const version = screen.getByLabelText('问卷版本') as HTMLSelectElement;
    // The town's versions only: the worked example (version 2) is no year's questionnaire.
    expect([...version.options].map((o) => o.textContent)).toEqual(['第 1 版（2025 年）']);
    await user.selectOptions(version, '1');
    await user.type(screen.getByLabelText('采集开始日期（留空：自开启年度起）'), '2026-01-05');
    await user.type(screen.getByLabelText('修改采集设置的理由'), '镇党委会议决定');
    await user.click(save);
    expect(await screen.findByText('已保存采集设置（已记入修改记录）。')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      questionnaireVersion: 1,
      collectionFrom: '2026-01-05',
      collectionTo: null,
      reason: '镇党委会议决定',
    });
  });

  it('shows the server’s refusal in Chinese, with the field it names', async () => {
    const user = userEvent.setup();
    renderWithServer(<CollectionEditor year={OPEN} />, (call) =>
      call.method === 'PUT'
        ? {
            status: 400,
            body: {
              error: 'validation_failed',
              message: '提交的内容有误，请按提示修改',
              issues: [{ path: 'collectionTo', message: '采集结束日期不能早于开始日期' }],
            },
          }
        : undefined,
    );
    await user.type(screen.getByLabelText('采集开始日期（留空：自开启年度起）'), '2026-03-01');
    await user.type(screen.getByLabelText('采集结束日期（留空：不设结束日期）'), '2026-02-01');
    await user.type(screen.getByLabelText('修改采集设置的理由'), '调整');
    await user.click(screen.getByRole('button', { name: '保存采集设置' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('未保存：提交的内容有误');
    expect(alert.textContent).toContain('采集结束日期不能早于开始日期');
  });

  it('states a locked year’s settings and offers no editor', () => {
    renderWithServer(
      <CollectionEditor
        year={{
          ...OPEN,
          state: 'locked',
          questionnaireVersion: 2,
          collectionFrom: '2026-01-05',
          collectionTo: '2026-12-20',
        }}
      />,
      () => undefined,
    );
    expect(summary()).toEqual([
      '问卷版本：第 2 版（2026 年示例，不是本镇正式问卷）',
      '采集时间：2026-01-05 至 2026-12-20',
    ]);
    expect(screen.getByText('本年度已锁定，采集设置不能再修改。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '保存采集设置' })).toBeNull();
  });
});
