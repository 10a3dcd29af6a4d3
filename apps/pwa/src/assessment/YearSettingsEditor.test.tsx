import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { assessmentYear, renderWithServer } from './assessment.test-kit.tsx';
import type { AssessmentYear } from './assessment-api.ts';
import { RankingView } from './RankingView.tsx';

const OPEN: AssessmentYear = assessmentYear({
  settings: {
    casePoints: { min: 0.5, max: 1 },
    casesCap: 1,
    interviewShare: 0.2,
    coverageConsequence: 'no-excellent',
  },
});

describe('the year’s settings on the ranking page', () => {
  it('states them in words, and sends changed figures with a reason', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithServer(<RankingView rows={[]} year={OPEN} />, (call) =>
      call.method === 'PUT' && call.path === '/api/assessment/2025/settings'
        ? { body: { year: OPEN } }
        : undefined,
    );
    const summary = screen.getByRole('list', { name: '年度设置' });
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '自治共治优秀案例：每个加 0.5–1 分，合计不超过 1 分',
      '满意度得分（30 分）：问卷占 80%，特殊群体访谈占 20%',
      '问卷覆盖率低于 30%：不得评为优秀（最高为良好）',
    ]);
    const save = screen.getByRole('button', { name: '保存年度设置' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    const max = screen.getByLabelText('每个自治共治优秀案例最高加分');
    await user.clear(max);
    await user.type(max, '2');
    await user.click(screen.getByRole('radio', { name: '仅标注，不影响得分和等次' }));
    await user.type(screen.getByLabelText('修改年度设置的理由'), '镇党委会议决定');
    await user.click(save);
    expect(await screen.findByText('已保存，考核结果已按新设置重新计算。')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      settings: {
        casePoints: { min: 0.5, max: 2 },
        casesCap: 1,
        interviewShare: 0.2,
        coverageConsequence: 'flag',
      },
      reason: '镇党委会议决定',
    });
  });

  it('offers no editor once the year is locked, but still states the settings', () => {
    renderWithServer(
      <RankingView rows={[]} year={{ ...OPEN, state: 'locked', lockedAt: '2025-12-20' }} />,
      () => undefined,
    );
    expect(screen.getByRole('list', { name: '年度设置' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '保存年度设置' })).toBeNull();
  });
});
