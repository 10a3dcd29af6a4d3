import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AdjustmentsView } from './AdjustmentsView.tsx';
import { type Call, itemFigures, renderWithServer } from './assessment.test-kit.tsx';
import type { CommunityResult } from './assessment-api.ts';

const ROW: CommunityResult = {
  code: 'JT01',
  name: '九亭一居',
  type: '导入居',
  rank: 1,
  ofType: 2,
  grade: '良好',
  total: 30,
  indicatorPoints: 30,
  complete: false,
  missing: [],
  pending: [],
  items: itemFigures(),
  indicators: {},
  satisfaction: { points: 27, source: 'survey', computed: 27, override: null },
  bonus: { points: 1, uncapped: 1, capped: false },
  deductions: { points: 0, capped: false },
  bonusInput: { honours: [{ work: '垃圾分类', level: 'city', bodies: 1 }], cases: [] },
  deductionsInput: [{ kind: 'discipline.main-leader', points: 1.5, note: '旧事项' }],
  coverage: null,
  interviews: null,
  coverageBelowFloor: false,
};

function panel(heading: RegExp): HTMLElement {
  return screen.getByRole('heading', { name: heading }).closest('section') as HTMLElement;
}

function renderView() {
  const puts: Call[] = [];
  const view = renderWithServer(
    <AdjustmentsView year={2025} rows={[ROW]} locked={false} />,
    (call) => {
      if (call.method !== 'PUT') return undefined;
      puts.push(call);
      return {
        body: call.path.endsWith('/bonus')
          ? { points: 1, capped: false }
          : { points: 0.5, capped: false },
      };
    },
  );
  return { ...view, puts };
}

describe('the coordinator’s adjustments', () => {
  it('edits honours and cases row by row and saves the whole list, deleted rows left out', async () => {
    const user = userEvent.setup();
    const { puts } = renderView();
    const bonus = panel(/^加分/);
    await user.click(within(bonus).getByRole('button', { name: '添加荣誉' }));
    const works = within(bonus).getAllByRole('textbox', { name: '获得荣誉的工作' });
    await user.type(works[1] as HTMLElement, '平安小区');
    await user.selectOptions(
      within(bonus).getAllByRole('combobox', { name: '荣誉等级' })[1] as HTMLElement,
      'national',
    );
    const bodies = within(bonus).getAllByRole('spinbutton')[1] as HTMLElement;
    await user.clear(bodies);
    await user.type(bodies, '2');
    await user.click(within(bonus).getAllByRole('button', { name: '删除' })[0] as HTMLElement);
    await user.click(within(bonus).getByRole('button', { name: '添加案例' }));
    await user.type(within(bonus).getByRole('textbox', { name: '案例名称' }), '楼组议事会');
    await user.selectOptions(within(bonus).getByRole('combobox', { name: '案例加分' }), '1');
    await user.type(within(bonus).getByLabelText('修改理由（记入审计）'), '补录');
    await user.click(within(bonus).getByRole('button', { name: '保存加分' }));
    expect((await within(bonus).findByRole('status')).textContent).toMatch(/^已保存，加分 /);
    expect(puts).toEqual([
      {
        method: 'PUT',
        path: '/api/assessment/2025/communities/JT01/bonus',
        body: {
          honours: [{ work: '平安小区', level: 'national', bodies: 2 }],
          cases: [{ title: '楼组议事会', points: 1 }],
          reason: '补录',
        },
      },
    ]);
  });

  it('a deduction whose kind changes loses its old points; a deleted one is not sent', async () => {
    const user = userEvent.setup();
    const { puts } = renderView();
    const deductions = panel(/^扣分/);
    await user.click(within(deductions).getByRole('button', { name: '添加扣分事项' }));
    await user.selectOptions(
      within(deductions).getAllByRole('combobox', { name: '扣分类别' })[1] as HTMLElement,
      'discipline.leadership-member',
    );
    await user.type(within(deductions).getAllByRole('spinbutton')[1] as HTMLElement, '1');
    await user.type(
      within(deductions).getAllByRole('textbox', { name: '情况说明' })[1] as HTMLElement,
      '新事项',
    );
    await user.selectOptions(
      within(deductions).getAllByRole('combobox', { name: '扣分类别' })[0] as HTMLElement,
      'secrecy.archives',
    );
    await user.click(within(deductions).getByRole('button', { name: '添加扣分事项' }));
    await user.click(within(deductions).getAllByRole('button', { name: '删除' })[2] as HTMLElement);
    await user.click(within(deductions).getByRole('button', { name: '保存扣分' }));
    expect((await within(deductions).findByRole('status')).textContent).toMatch(/^已保存，扣分 /);
    expect(puts.map((p) => p.body)).toEqual([
      {
        deductions: [
          { kind: 'secrecy.archives', note: '旧事项' },
          { kind: 'discipline.leadership-member', points: 1, note: '新事项' },
        ],
      },
    ]);
  });
});

describe('case points by the year’s settings', () => {
  it('offers the amounts the year allows, not only 0.5 and 1', async () => {
    const user = userEvent.setup();
    renderWithServer(
      <AdjustmentsView
        year={2025}
        rows={[ROW]}
        locked={false}
        settings={{
          casePoints: { min: 0.5, max: 2 },
          casesCap: 2,
          interviewShare: 0,
          coverageConsequence: 'flag',
        }}
      />,
      () => undefined,
    );
    expect(screen.getByText(/每个 0.5–2 分，合计不超过/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '添加案例' }));
    const choices = within(screen.getByLabelText('案例加分')).getAllByRole('option');
    expect(choices.map((o) => o.textContent)).toEqual(['0.5 分', '1 分', '1.5 分', '2 分']);
  });
});
