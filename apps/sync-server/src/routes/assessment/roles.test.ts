import { describe, expect, it } from 'vitest';
import { loginAs } from '../../testing.ts';

import {
  admin,
  app,
  call,
  coordinator,
  entry,
  scorerOf,
  useAssessmentApp,
  YEAR,
} from './test-kit.ts';

// A year created by a coordinator before each test (see useAssessmentApp).
useAssessmentApp();

describe('department scorer accounts', () => {
  it('are created by an admin with a department, refused without one or by a coordinator', async () => {
    const without = await call(admin, 'POST', '/api/users', {
      username: 'nodept',
      displayName: '无部门',
      role: 'department_scorer',
    });
    expect(without.statusCode).toBe(400);
    expect(without.json().issues[0]).toMatchObject({ path: 'department' });

    const byCoordinator = await call(coordinator, 'POST', '/api/users', {
      username: 'bycoord',
      displayName: '评分员',
      role: 'department_scorer',
      department: 'city-operations-center',
    });
    expect(byCoordinator.statusCode).toBe(403);

    const created = await call(admin, 'POST', '/api/users', {
      username: 'chengyun',
      displayName: '城运评分员',
      role: 'department_scorer',
      department: 'city-operations-center',
    });
    expect(created.statusCode).toBe(200);
    expect(created.json().user).toMatchObject({
      role: 'department_scorer',
      department: 'city-operations-center',
    });
  });
});

describe('role boundaries', () => {
  it('keeps scorers out of the coordinators’ routes and everyone else out of scoring', async () => {
    const scorer = await scorerOf('city-operations-center');
    const canvasser = await loginAs(app, 'canvasser');
    const coordinatorOnly: [string, string, unknown?][] = [
      ['GET', `/api/assessment/${YEAR}/results`],
      ['GET', `/api/assessment/${YEAR}/results.xlsx`],
      ['GET', `/api/assessment/${YEAR}/audit`],
      ['GET', `/api/assessment/${YEAR}/hotline`],
      ['PUT', `/api/assessment/${YEAR}/communities/DEMO01/bonus`, { honours: [], cases: [] }],
      ['PUT', `/api/assessment/${YEAR}/communities/DEMO01/deductions`, { deductions: [] }],
      [
        'PUT',
        `/api/assessment/${YEAR}/communities/DEMO01/satisfaction`,
        { points: 1, reason: 'x' },
      ],
      ['POST', `/api/assessment/${YEAR}/hotline/import`, { csv: 'x' }],
      ['POST', `/api/assessment/${YEAR}/lock`, { note: 'x' }],
      ['POST', '/api/assessment/years', { year: 2026 }],
    ];
    for (const [method, url, payload] of coordinatorOnly) {
      for (const who of [scorer, canvasser]) {
        const res = await call(who, method, url, payload);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
      }
    }
    const scorerOnly: [string, string, unknown?][] = [
      ['GET', `/api/assessment/${YEAR}/scoring`],
      [
        'POST',
        `/api/assessment/${YEAR}/scores`,
        { entries: [entry('mass.hotline.work-orders', 'DEMO01', 1)] },
      ],
      ['POST', `/api/assessment/${YEAR}/items/mass.hotline.work-orders/confirm`],
    ];
    for (const [method, url, payload] of scorerOnly) {
      for (const who of [coordinator, canvasser]) {
        const res = await call(who, method, url, payload);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
      }
    }
    // A scorer collects nothing.
    const sync = await call(scorer, 'POST', '/api/sync', { items: [] });
    expect(sync.statusCode).toBe(403);
  });

  it('moves a scorer to another department, and clears the department when the role changes', async () => {
    const scorer = await scorerOf('city-operations-center');
    const patched = await call(admin, 'PATCH', `/api/users/${scorer.userId}`, {
      department: 'peace-office',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().user.department).toBe('peace-office');
    const scoring = (await call(scorer, 'GET', `/api/assessment/${YEAR}/scoring`)).json();
    expect(scoring.department.name).toBe('平安办');

    const demoted = await call(admin, 'PATCH', `/api/users/${scorer.userId}`, {
      role: 'interviewer',
    });
    expect(demoted.statusCode, demoted.body).toBe(200);
    expect(demoted.json().user).toMatchObject({ role: 'interviewer', department: null });
    const canvasserWithDepartment = await call(admin, 'PATCH', `/api/users/${scorer.userId}`, {
      department: 'peace-office',
    });
    expect(canvasserWithDepartment.statusCode).toBe(400);
  });
});
