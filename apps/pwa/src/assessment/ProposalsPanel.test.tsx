import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { COMMUNITIES, renderWithServer } from './assessment.test-kit.tsx';
import type { Proposal } from './assessment-api.ts';
import { ProposalsPanel, ProposeForm } from './ProposalsPanel.tsx';

const PROPOSAL: Proposal = {
  id: 7,
  communityCode: 'JT01',
  kind: 'deduction',
  entry: { kind: 'finance.budget', note: '预算执行与编制不符' },
  evidence: '财政所 2025 年第 3 号检查通报',
  department: 'finance-office',
  proposedByName: '财政所评分员',
  proposedAt: '2025-12-01T00:00:00Z',
  state: 'proposed',
  decidedAt: null,
  decisionReason: null,
};

describe('departments’ proposals', () => {
  it('show the coordinator who proposed what on which evidence, and send the decision with its reason', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithServer(
      <ProposalsPanel year={2025} communityCode="JT01" locked={false} />,
      (call) => {
        if (call.method === 'GET' && call.path === '/api/assessment/2025/proposals') {
          return { body: { proposals: [PROPOSAL, { ...PROPOSAL, id: 8, communityCode: 'JT02' }] } };
        }
        if (call.method === 'POST') return { body: { state: 'refused' } };
        return undefined;
      },
    );
    const list = await screen.findByRole('list', { name: '部门加扣分建议' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(list.textContent).toContain('扣分：');
    expect(list.textContent).toContain(
      '财政所（财政所评分员）提出；依据：财政所 2025 年第 3 号检查通报',
    );
    const refuse = screen.getByRole('button', { name: '不采纳' });
    expect((refuse as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByLabelText(/^处理理由：/), '该事项已在上年度扣分');
    await user.click(refuse);
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: '/api/assessment/2025/proposals/7/decision',
      body: { accept: false, reason: '该事项已在上年度扣分' },
    });
  });

  it('let a department propose a deduction with evidence and show the server’s refusal in Chinese', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithServer(
      <ProposeForm year={2025} communities={COMMUNITIES} />,
      (call) =>
        call.method === 'POST'
          ? {
              status: 403,
              body: {
                error: 'proposal_not_department',
                message: '该类扣分由财政所提出，武装不能提出',
              },
            }
          : undefined,
    );
    await user.selectOptions(screen.getByLabelText('类别'), 'deduction');
    await user.selectOptions(screen.getByLabelText('扣分事项'), 'finance.budget');
    const submit = screen.getByRole('button', { name: '提交建议' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByLabelText('依据（文件、通报或台账）'), '检查通报');
    await user.click(submit);
    expect((await screen.findByRole('alert')).textContent).toBe(
      '未提交：该类扣分由财政所提出，武装不能提出',
    );
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      communityCode: 'JT01',
      evidence: '检查通报',
      kind: 'deduction',
      deduction: { kind: 'finance.budget' },
    });
  });
});
