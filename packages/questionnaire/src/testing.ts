// Test-only (`@jiuting/questionnaire/testing`): the sample answers and records every package's
// tests start from, written out once. Not part of the package's contract, never imported by
// app code; a test that needs other letters spreads one of these and overrides them.
import type { InterviewRecord, SurveyAnswers, SurveyResponse } from './schemas.ts';
import type { VisitOutcome } from './visit.ts';

/** Answers worth 100 points (the best option of every scored question). */
export const FULL_MARKS_ANSWERS = {
  q1: 'A',
  q2: 'C',
  q3: 'A',
  q4: 'A',
  q5: 'D',
  q6: 'D',
  q7: 'D',
  q8: 'A',
  q9: 'A',
  q10: ['I'],
  q11: ['A', 'F'],
} satisfies SurveyAnswers;

/** Answers worth 3 points, the lowest option of every scored question: q3–q9 = B E A A A D D
 * → 0 + 0 + 3 + 0 + 0 + 0 + 0. */
export const LOWEST_MARKS_ANSWERS = {
  ...FULL_MARKS_ANSWERS,
  q3: 'B',
  q4: 'E',
  q5: 'A',
  q6: 'A',
  q7: 'A',
  q8: 'D',
  q9: 'D',
} satisfies SurveyAnswers;

/** A canvasser's everyday answers: mixed letters, and an 其他 text on q11. */
export const SAMPLE_ANSWERS = {
  q1: 'A',
  q2: 'C',
  q3: 'A',
  q4: 'B',
  q5: 'C',
  q6: 'C',
  q7: 'D',
  q8: 'A',
  q9: 'B',
  q10: ['I'],
  q11: ['A', 'G'],
  q11Other: '加装电梯',
} satisfies SurveyAnswers;

// Browsers and Node ≥ 19 both have it; the package's own types know neither.
const { crypto } = globalThis as unknown as { crypto: { randomUUID(): string } };
const newId = () => crypto.randomUUID();
const anyRoom = () =>
  `${Math.floor(Math.random() * 90) + 1}号楼${Math.floor(Math.random() * 900) + 101}室`;

/**
 * A valid survey response (full marks, a random household of DEMO01, a new id); override any
 * field, with a wrong value too when the test is about refusing it.
 */
export function sampleSurvey(
  overrides: Partial<SurveyResponse> | Record<string, unknown> = {},
): SurveyResponse {
  return {
    kind: 'survey',
    id: newId(),
    questionnaireId: 'jiuting-2025',
    questionnaireVersion: 1,
    communityCode: 'DEMO01',
    householdAddress: anyRoom(),
    channel: 'door',
    collectedAt: '2025-11-20T10:00:00+08:00',
    answers: FULL_MARKS_ANSWERS,
    ...overrides,
  } as SurveyResponse;
}

/** A valid interview record (DEMO01, an elderly resident living alone, a new id); override any field. */
export function sampleInterview(
  overrides: Partial<InterviewRecord> | Record<string, unknown> = {},
): InterviewRecord {
  return {
    kind: 'interview',
    id: newId(),
    communityCode: 'DEMO01',
    group: 'elderly_living_alone',
    method: 'home',
    date: '2025-11-20',
    view: 'A',
    collectedAt: '2025-11-20T15:00:00+08:00',
    ...overrides,
  } as InterviewRecord;
}

/** A valid visit outcome (DEMO01, nobody home at one flat, a new id); override any field. */
export function sampleVisit(
  overrides: Partial<VisitOutcome> | Record<string, unknown> = {},
): VisitOutcome {
  return {
    kind: 'visit',
    id: newId(),
    communityCode: 'DEMO01',
    householdAddress: '九亭小区·100弄12号1单元301室',
    outcome: 'not_home',
    collectedAt: '2025-11-20T10:00:00+08:00',
    ...overrides,
  } as VisitOutcome;
}
