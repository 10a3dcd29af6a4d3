import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { assessmentYear, type Call, renderWithServer } from './assessment.test-kit.tsx';
import type { AssessmentYear } from './assessment-api.ts';
import { RankingView } from './RankingView.tsx';

const OPEN: AssessmentYear = assessmentYear({
  gradeRule: { kind: 'shares', excellentPercent: 30, goodPercent: 50 },
});

function server(answer: (call: Call) => { status?: number; body: unknown }) {
  return (call: Call) =>
    call.method === 'PUT' && call.path === '/api/assessment/2025/grade-rule'
      ? answer(call)
      : undefined;
}

describe('the grading rule on the ranking page', () => {
  it('states the year’s rule in words', () => {
    renderWithServer(
      <RankingView
        rows={[]}
        year={{ ...OPEN, gradeRule: { kind: 'thresholds', excellentFrom: 90, goodFrom: 80 } }}
      />,
      () => undefined,
    );
    expect(screen.getByTestId('grade-rule').textContent).toContain(
      '总分 90 分及以上为优秀，80 分及以上为良好，其余为一般',
    );
  });

  it('sends a score-line rule with its reason, and shows the server’s refusal in Chinese', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithServer(
      <RankingView rows={[]} year={OPEN} />,
      server(() => ({
        status: 400,
        body: { error: 'grade_rule_invalid', message: '良好分数线不能高于优秀分数线' },
      })),
    );
    const save = screen.getByRole('button', { name: '保存等次规则' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByLabelText('按分数线'));
    await user.clear(screen.getByLabelText('优秀分数线'));
    await user.type(screen.getByLabelText('优秀分数线'), '80');
    await user.clear(screen.getByLabelText('良好分数线'));
    await user.type(screen.getByLabelText('良好分数线'), '90');
    await user.type(screen.getByLabelText('修改理由'), '镇党委会议确定');
    await user.click(save);
    expect((await screen.findByRole('alert')).textContent).toContain(
      '良好分数线不能高于优秀分数线',
    );
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      rule: { kind: 'thresholds', excellentFrom: 80, goodFrom: 90 },
      reason: '镇党委会议确定',
    });
  });

  it('is not offered once the year is locked', () => {
    renderWithServer(
      <RankingView rows={[]} year={{ ...OPEN, state: 'locked' }} />,
      () => undefined,
    );
    expect(screen.queryByRole('button', { name: '保存等次规则' })).toBeNull();
  });
});
