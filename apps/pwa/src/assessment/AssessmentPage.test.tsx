import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { renderWithFakeServer } from '../../test/fake-server.tsx';
import type { User } from '../api/types.ts';
import { hrefOf } from '../ui/route.ts';
import AssessmentPage from './AssessmentPage.tsx';
import { assessmentYear, renderWithServer } from './assessment.test-kit.tsx';
import type { AssessmentYear } from './assessment-api.ts';

const COORDINATOR: User = {
  id: 'u1',
  username: 'zhuanban',
  displayName: '专班',
  role: 'coordinator',
  communities: [],
};

const Y2025: AssessmentYear = assessmentYear({ year: 2025, createdAt: '2025-11-01T00:00:00Z' });

it('opens the next year with the questionnaire version chosen, saying what opening does', async () => {
  const user = userEvent.setup();
  const { calls } = renderWithServer(<AssessmentPage user={COORDINATOR} />, (call) => {
    if (call.path === '/api/assessment/years' && call.method === 'GET') {
      return { body: { years: [Y2025] } };
    }
    if (call.path === '/api/assessment/years' && call.method === 'POST') {
      return { body: { year: { ...Y2025, year: 2026 } } };
    }
    return undefined;
  });
  await user.click(await screen.findByText('开启新年度'));
  expect(screen.getByText(/旧海报扫码将显示“本年度测评已结束”/)).toBeTruthy();
  const year = screen.getByLabelText('年度');
  await user.clear(year);
  await user.type(year, '2026');
  const version = screen.getByLabelText('新年度的问卷版本') as HTMLSelectElement;
  expect(version.value).toBe('');
  expect([...version.options].map((o) => o.textContent)).toEqual([
    '问卷版本：沿用上一年度',
    '第 1 版（2025 年）',
  ]);
  await user.selectOptions(version, '1');
  await user.click(screen.getByRole('button', { name: '开启' }));
  expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
    year: 2026,
    questionnaireVersion: 1,
  });
});

const SCORER: User = {
  id: 'u9',
  username: 'scorer',
  displayName: '李评分',
  role: 'department_scorer',
  communities: [],
};

it('gives a department scorer, who never sees the home screen, a way to 修改密码', async () => {
  renderWithFakeServer(<AssessmentPage user={SCORER} />, (call) =>
    call.path === '/api/assessment/years' ? { body: { years: [] } } : undefined,
  );
  const link = await screen.findByRole('link', { name: '修改密码' });
  expect(link.getAttribute('href')).toBe(hrefOf({ name: 'password' }));
});

it('lets a department scorer sign out from their assessment screen', async () => {
  const user = userEvent.setup();
  let signedOut = 0;
  renderWithFakeServer(
    <AssessmentPage user={SCORER} onLogout={() => (signedOut += 1)} />,
    (call) => (call.path === '/api/assessment/years' ? { body: { years: [] } } : undefined),
  );
  await user.click(await screen.findByRole('button', { name: '退出登录' }));
  expect(signedOut).toBe(1);
});
