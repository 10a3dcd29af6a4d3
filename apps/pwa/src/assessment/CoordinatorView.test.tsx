import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  assessmentYear,
  type Call,
  itemFigures,
  renderWithServer,
} from './assessment.test-kit.tsx';
import type { AssessmentYear, CommunityResult } from './assessment-api.ts';
import { CoordinatorView } from './CoordinatorView.tsx';

const OPEN: AssessmentYear = assessmentYear();

function result(
  code: string,
  name: string,
  type: '导入居' | '村改居',
  total: number,
  rank: number | null,
  grade: CommunityResult['grade'],
): CommunityResult {
  return {
    code,
    name,
    type,
    rank,
    ofType: 2,
    grade,
    total,
    indicatorPoints: total,
    complete: false,
    missing: [],
    pending: ['regular.stability.overall'],
    items: itemFigures({ 'mass.satisfaction.overall': 27.35, 'mass.hotline.work-orders': 4.5 }),
    satisfaction: { points: 27.35, source: 'survey', computed: 27.35, override: null },
    bonus: { points: 0, uncapped: 0, capped: false },
    deductions: { points: 0, capped: false },
    bonusInput: { honours: [], cases: [] },
    deductionsInput: [],
    indicators: {},
    coverage: null,
    interviews: null,
    coverageBelowFloor: false,
  };
}

const ISSUES = [
  {
    key: 'item:regular.party.overall',
    kind: 'item_not_confirmed',
    message: '“加强党组织建设”有 1 个居民区的得分未经牵头部门确认：九亭二十居',
    communityCode: null,
    itemId: 'regular.party.overall',
  },
  {
    key: 'coverage:JT20',
    kind: 'coverage_below_floor',
    message: '九亭二十居问卷覆盖率 0.5%（4/775 户），低于 30%',
    communityCode: 'JT20',
    itemId: null,
  },
];

function server(
  calls: { locked?: boolean; lockBody?: unknown; hotlineBody?: unknown } = {},
  issues: readonly unknown[] = [],
) {
  return ({ method, path, body }: Call) => {
    if (method === 'GET' && path === '/api/assessment/2025/results') {
      return {
        body: {
          year: 2025,
          state: 'open',
          communities: [
            result('JT01', '九亭一居', '导入居', 31.85, 1, '优秀'),
            result('JT02', '九亭二居', '导入居', 20, 2, '良好'),
            {
              ...result('JT20', '九亭二十居', '村改居', 0, null, null),
              coverage: { surveyed: 4, total: 775, ratio: 4 / 775, meetsTarget: false },
              coverageBelowFloor: true,
            },
          ],
        },
      };
    }
    if (method === 'GET' && path === '/api/assessment/2025/audit') {
      return {
        body: {
          entries: [
            {
              id: 2,
              at: '2025-12-02T02:00:00Z',
              actorName: '城运评分员（chengyun）',
              action: 'item_scored',
              communityCode: 'JT01',
              itemId: 'mass.hotline.work-orders',
              oldValue: { points: 3, basis: '初评' },
              newValue: { points: 4.5, basis: '复核' },
              reason: '复核',
            },
          ],
        },
      };
    }
    if (method === 'GET' && path === '/api/assessment/2025/hotline') return { body: { rows: [] } };
    if (method === 'POST' && path === '/api/assessment/2025/hotline/import') {
      calls.hotlineBody = body;
      return {
        status: 400,
        body: {
          error: 'csv_invalid',
          message: '导入文件有错误，未导入任何内容',
          issues: [{ path: '第3行', message: '没有编号为“NOPE”的居民区' }],
        },
      };
    }
    if (method === 'GET' && path === '/api/assessment/2025/lock-check') return { body: { issues } };
    if (method === 'POST' && path === '/api/assessment/2025/lock') {
      calls.locked = (body as { note: string }).note !== '';
      calls.lockBody = body;
      return { body: { year: { ...OPEN, state: 'locked' } } };
    }
    return undefined;
  };
}

describe('coordinator screens', () => {
  it('shows the full table with every item and the ranking per type with grades', async () => {
    const user = userEvent.setup();
    renderWithServer(<CoordinatorView year={OPEN} />, server());
    const table = await screen.findByRole('table');
    const row = within(table).getByRole('row', { name: /九亭一居/ });
    expect(row.textContent).toContain('27.35');
    expect(row.textContent).toContain('4.5');
    expect(row.textContent).toContain('31.85');
    expect(row.textContent).toContain('优秀');
    expect(within(table).getAllByRole('columnheader')).toHaveLength(2 + 12 + 4);

    await user.click(screen.getByRole('tab', { name: '排名与等次' }));
    const daoru = screen.getByRole('region', { name: '导入居排名' });
    expect(
      within(daoru)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['名次居民区总分等次', '1九亭一居31.85优秀', '2九亭二居20良好']);
    // An incomplete community is not graded: 待定, not 优秀 on a total of 0.
    expect(
      within(screen.getByRole('region', { name: '村改居排名' }))
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['名次居民区总分等次', '—九亭二十居0待定']);
    expect(screen.getByText(/等次显示为“待定”/)).toBeTruthy();
  });

  it('flags coverage under 30% beside the satisfaction points', async () => {
    renderWithServer(<CoordinatorView year={OPEN} />, server());
    const table = await screen.findByRole('table');
    const row = within(table).getByRole('row', { name: /九亭二十居/ });
    expect(row.textContent).toContain('覆盖率 0.5%，低于30%');
    expect(row.textContent).toContain('待定');
    expect(within(table).getByRole('row', { name: /九亭一居/ }).textContent).not.toContain(
      '低于30%',
    );
  });

  it('lists what is incomplete before the lock and locks only once each is accepted with a reason', async () => {
    const user = userEvent.setup();
    const state: { locked?: boolean; lockBody?: unknown } = {};
    renderWithServer(<CoordinatorView year={OPEN} />, server(state, ISSUES));
    await user.click(await screen.findByRole('tab', { name: '导出与锁定' }));
    await user.type(screen.getByLabelText('镇党委定案依据（如会议纪要编号）'), '纪要〔2025〕12号');
    const list = await screen.findByRole('list', { name: '未完成的事项' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('p')?.textContent),
    ).toEqual(ISSUES.map((i) => i.message));
    const lock = screen.getByRole('button', { name: '锁定 2025 年度考核' });
    expect((lock as HTMLButtonElement).disabled).toBe(true);

    await user.type(
      screen.getByLabelText(`接受理由：${ISSUES[1]?.message}`),
      '该居民区大量房屋空置',
    );
    expect((lock as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByLabelText('为其余 1 项写同一理由'), '党委会议决定按现状定案');
    await user.click(screen.getByRole('button', { name: '接受其余 1 项' }));
    expect((lock as HTMLButtonElement).disabled).toBe(false);

    await user.click(lock);
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('以下 2 项未完成，将按所写理由接受');
    expect(dialog.textContent).toContain(`${ISSUES[1]?.message}——理由：该居民区大量房屋空置`);
    await user.click(within(dialog).getByRole('button', { name: '确认锁定' }));
    await waitFor(() =>
      expect(state.lockBody).toEqual({
        note: '纪要〔2025〕12号',
        accepted: [
          { key: 'item:regular.party.overall', reason: '党委会议决定按现状定案' },
          { key: 'coverage:JT20', reason: '该居民区大量房屋空置' },
        ],
      }),
    );
  });

  it('lists the audit trail as old → new with who and why', async () => {
    const user = userEvent.setup();
    renderWithServer(<CoordinatorView year={OPEN} />, server());
    await user.click(await screen.findByRole('tab', { name: '修改记录' }));
    const row = await screen.findByRole('row', { name: /城运评分员/ });
    expect(row.textContent).toContain('录入得分');
    expect(row.textContent).toContain('3 分（初评） → 4.5 分（复核）');
    expect(row.textContent).toContain('九亭一居 · 12345 热线及信访、舆情工作情况第1项');
  });

  it('reads the new audit entries in Chinese: a dropped confirmation, the confirm rule, settings, a proposal', async () => {
    const user = userEvent.setup();
    const entries = [
      {
        id: 5,
        at: '2025-12-03T02:00:00Z',
        actorName: '武装评分员（wuzhuang）',
        action: 'item_confirmation_dropped',
        communityCode: 'JT01',
        itemId: 'regular.party.overall',
        oldValue: { points: 11, rule: 'mean', department: 'party-mass-office' },
        newValue: null,
        reason: '武装将本部门评分从 9 分改为 10 分，须牵头部门党群办重新确认',
      },
      {
        id: 4,
        at: '2025-12-02T02:00:00Z',
        actorName: '党群办评分员（dangqun）',
        action: 'item_confirmed',
        communityCode: null,
        itemId: 'regular.party.overall',
        oldValue: null,
        newValue: { confirmed: 27, department: 'party-mass-office', rule: 'mean' },
        reason: null,
      },
      {
        id: 3,
        at: '2025-12-01T02:00:00Z',
        actorName: '李专班（li）',
        action: 'settings_set',
        communityCode: null,
        itemId: null,
        oldValue: {
          casePoints: { min: 0.5, max: 1 },
          casesCap: 1,
          interviewShare: 0,
          coverageConsequence: 'flag',
        },
        newValue: {
          casePoints: { min: 0.5, max: 2 },
          casesCap: 2,
          interviewShare: 0,
          coverageConsequence: 'flag',
        },
        reason: '镇党委会议决定',
      },
      {
        id: 2,
        at: '2025-12-01T01:00:00Z',
        actorName: '财政所评分员（caizheng）',
        action: 'adjustment_proposed',
        communityCode: 'JT01',
        itemId: null,
        oldValue: null,
        newValue: { id: 1, kind: 'deduction', entry: { kind: 'finance.budget' } },
        reason: '检查通报',
      },
    ];
    renderWithServer(<CoordinatorView year={OPEN} />, (call) =>
      call.method === 'GET' && call.path === '/api/assessment/2025/audit'
        ? { body: { entries } }
        : server()(call),
    );
    await user.click(await screen.findByRole('tab', { name: '修改记录' }));
    const dropped = await screen.findByRole('row', { name: /武装评分员/ });
    expect(dropped.textContent).toContain('确认失效（须重新确认）');
    expect(dropped.textContent).toContain('11 分 → （无）');
    expect(screen.getByRole('row', { name: /党群办评分员/ }).textContent).toContain(
      '确认 27 个居民区的得分（取各部门评分的平均值',
    );
    const settings = screen.getByRole('row', { name: /李专班/ });
    expect(settings.textContent).toContain('修改年度设置');
    expect(settings.textContent).toContain('每个加 0.5–2 分，合计不超过 2 分');
    const proposed = screen.getByRole('row', { name: /财政所评分员/ });
    expect(proposed.textContent).toContain('部门提出加扣分建议');
    expect(proposed.textContent).toContain('扣分：');
    expect(proposed.textContent).not.toMatch(/[{}]/);
  });

  it('lists each bad line of a hotline CSV the server refused', async () => {
    const user = userEvent.setup();
    renderWithServer(<CoordinatorView year={OPEN} />, server());
    await user.click(await screen.findByRole('tab', { name: '12345 工单导入' }));
    await user.type(screen.getByLabelText('或粘贴 CSV 内容'), 'x');
    await user.click(screen.getByRole('button', { name: '导入' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      '第3行：没有编号为“NOPE”的居民区',
    );
  });

  it('sends a chosen hotline file as its own bytes, so a GBK CSV or an .xlsx arrives unchanged', async () => {
    const user = userEvent.setup();
    const calls: { hotlineBody?: unknown } = {};
    renderWithServer(<CoordinatorView year={OPEN} />, server(calls));
    await user.click(await screen.findByRole('tab', { name: '12345 工单导入' }));
    const gbk = new Uint8Array([0xbe, 0xc5, 0xcd, 0xa4]);
    await user.upload(
      screen.getByLabelText('选择文件（.xlsx 或 CSV）'),
      new File([gbk], '工单.csv', { type: 'text/csv' }),
    );
    await user.click(screen.getByRole('button', { name: '导入' }));
    await screen.findByRole('alert');
    expect(calls.hotlineBody).toEqual({ file: { name: '工单.csv', base64: 'vsXNpA==' } });
  });

  it('locks the year only after a confirmation that names the consequence', async () => {
    const user = userEvent.setup();
    const state: { locked?: boolean } = {};
    renderWithServer(<CoordinatorView year={OPEN} />, server(state));
    await user.click(await screen.findByRole('tab', { name: '导出与锁定' }));
    const lock = screen.getByRole('button', { name: '锁定 2025 年度考核' });
    expect((lock as HTMLButtonElement).disabled).toBe(true);
    await user.type(
      screen.getByLabelText('镇党委定案依据（如会议纪要编号）'),
      '镇党委会议纪要〔2025〕12号',
    );
    await user.click(lock);
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('都不能再修改，也不能解锁');
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(state.locked).toBeUndefined();
    await user.click(lock);
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: '确认锁定' }),
    );
    await waitFor(() => expect(state.locked).toBe(true));
  });
});
