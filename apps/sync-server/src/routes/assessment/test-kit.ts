import { ITEMS, itemLeadDepartments } from '@jiuting/scorecard';
import type { FastifyInstance } from 'fastify';
import { assessmentRepository } from '../../repositories/assessment.ts';
import { CLIENT_HEADERS, type LoggedIn } from '../../testing.ts';

// Shortcuts for assessment tests that need a year past the point they are not about.

/**
 * Makes every community complete without changing a total: each department item confirmed at 0
 * and the satisfaction points set to 0 by override. Straight into the tables, since the tests
 * that use it are about ranking, not about scoring.
 */
export function completeEveryCommunity(app: FastifyInstance, year: number, by: string): void {
  const repo = assessmentRepository(app.db);
  const at = '2025-12-01T00:00:00.000Z';
  for (const community of app.repos.communities.list()) {
    for (const item of ITEMS.filter((i) => i.scoredBy === 'departments')) {
      const lead = itemLeadDepartments(item)[0];
      if (!lead) continue;
      repo.putConfirmed(year, {
        communityCode: community.code,
        itemId: item.id,
        points: 0,
        basis: '测试',
        department: lead,
        rule: 'lead',
        by,
        at,
      });
    }
    if (repo.getAdjustments(year, community.code).satisfactionOverride) continue;
    repo.setSatisfactionOverride(year, community.code, { points: 0, reason: '测试', by, at }, at);
  }
}

/** Locks the year accepting whatever is still incomplete, each with a reason. */
export async function lockAcceptingAll(
  app: FastifyInstance,
  who: LoggedIn,
  year: number,
  note: string,
) {
  const headers = { ...CLIENT_HEADERS, cookie: who.cookie };
  const check = await app.inject({
    method: 'GET',
    url: `/api/assessment/${year}/lock-check`,
    headers,
  });
  const issues = (check.json().issues ?? []) as { key: string }[];
  return app.inject({
    method: 'POST',
    url: `/api/assessment/${year}/lock`,
    headers,
    payload: { note, accepted: issues.map((i) => ({ key: i.key, reason: '测试中接受' })) },
  });
}
