import { DEFAULT_GRADE_RULE, DEFAULT_YEAR_SETTINGS, ITEM_IDS } from '@jiuting/scorecard';
import type { ReactElement } from 'react';
import { type Handler, renderWithFakeServer } from '../../test/fake-server.tsx';

// Tests render the assessment screens against a small in-memory stand-in for the server's
// /api/assessment routes, and read what the screens sent.

export type { Call, Handler } from '../../test/fake-server.tsx';

import type { AssessmentYear, CommunityResult } from './assessment-api.ts';

export function renderWithServer(ui: ReactElement, handler: Handler) {
  const { server, ...result } = renderWithFakeServer(ui, handler);
  return { ...result, calls: server.calls };
}

export const COMMUNITIES = Array.from({ length: 27 }, (_, i) => ({
  code: `JT${String(i + 1).padStart(2, '0')}`,
  name: `九亭${i + 1}居`,
  type: i < 18 ? '导入居' : '村改居',
}));

/** An open year as GET /api/assessment/years answers it, with the scorecard's defaults. */
export function assessmentYear(overrides: Partial<AssessmentYear> = {}): AssessmentYear {
  return {
    year: 2025,
    state: 'open',
    createdAt: '2025-11-01T00:00:00Z',
    lockedAt: null,
    lockNote: null,
    gradeRule: DEFAULT_GRADE_RULE,
    lockExceptions: [],
    settings: DEFAULT_YEAR_SETTINGS,
    questionnaireVersion: 1,
    collectionFrom: null,
    collectionTo: null,
    rawDeletedAt: null,
    ...overrides,
  };
}

/** Every item of 附件2 without a figure yet, to fill in the ones a test is about. */
export function itemFigures(
  figures: Partial<CommunityResult['items']> = {},
): CommunityResult['items'] {
  return {
    ...(Object.fromEntries(ITEM_IDS.map((id) => [id, null])) as CommunityResult['items']),
    ...figures,
  };
}
