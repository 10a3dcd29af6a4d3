import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { assessmentYear, itemFigures, renderWithServer } from './assessment.test-kit.tsx';
import type { AssessmentYear, CommunityResult } from './assessment-api.ts';
import { RankingView } from './RankingView.tsx';

const YEAR: AssessmentYear = assessmentYear();

const row = (
  code: string,
  total: number,
  complete: boolean,
  rank: number | null,
  grade: CommunityResult['grade'],
): CommunityResult => ({
  code,
  name: `九亭${code}居`,
  type: '导入居',
  rank,
  ofType: 2,
  grade,
  total,
  indicatorPoints: total,
  complete,
  missing: [],
  pending: [],
  items: itemFigures(),
  indicators: {},
  satisfaction: { points: null, source: 'missing', computed: null, override: null },
  bonus: { points: 0, uncapped: 0, capped: false },
  deductions: { points: 0, capped: false },
  bonusInput: { honours: [], cases: [] },
  deductionsInput: [],
  coverage: null,
  interviews: null,
  coverageBelowFloor: false,
});

describe('the ranking', () => {
  it('calls grades provisional and an incomplete community 待定 while the year is open', () => {
    // Open, the rule and settings editors are offered (they talk to the server).
    renderWithServer(
      <RankingView
        year={YEAR}
        rows={[row('1', 88, true, 1, '优秀'), row('2', 0, false, null, null)]}
      />,
      () => undefined,
    );
    expect(screen.getByText(/等次显示为“待定”；已完整的居民区之间的排名和等次为暂定/)).toBeTruthy();
    const table = screen.getByRole('region', { name: '导入居排名' });
    expect(within(table).getByRole('row', { name: /九亭2居/ }).textContent).toBe('—九亭2居0待定');
  });

  it('says the grades are final once the year is locked, and no longer 暂定', () => {
    const locked: AssessmentYear = { ...YEAR, state: 'locked', lockedAt: '2026-01-10T02:00:00Z' };
    const { container } = render(
      <RankingView
        year={locked}
        rows={[row('1', 88, true, 1, '良好'), row('2', 40, false, 2, '一般')]}
      />,
    );
    expect(screen.getByText('已定案：以下排名和等次为 2025 年度最终结果。')).toBeTruthy();
    expect(container.textContent).not.toContain('暂定');
    expect(container.textContent).not.toContain('待定');
    // Nothing left to change: no rule or settings editor.
    expect(screen.queryByRole('button', { name: /保存/ })).toBeNull();
  });
});
