import { screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { renderWithFakeServer } from '../../test/fake-server.tsx';
import type { User } from '../api/types.ts';
import { hrefOf } from '../ui/route.ts';
import AssessmentPage from './AssessmentPage.tsx';

const SCORER: User = {
  id: 'u9',
  username: 'scorer',
  displayName: '李评分',
  role: 'department_scorer',
  communities: [],
};

describe('the assessment screen', () => {
  test('gives a department scorer, who never sees the home screen, a way to 修改密码', async () => {
    renderWithFakeServer(<AssessmentPage user={SCORER} />, (call) =>
      call.path === '/api/assessment/years' ? { body: { years: [] } } : undefined,
    );
    const link = await screen.findByRole('link', { name: '修改密码' });
    expect(link.getAttribute('href')).toBe(hrefOf({ name: 'password' }));
  });
});
