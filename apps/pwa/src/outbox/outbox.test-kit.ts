// Test-only: item factories and fresh databases (no server, so any test environment can use them).
import type { InterviewRecord, SurveyResponse } from '@jiuting/questionnaire';
import { SAMPLE_ANSWERS, sampleInterview, sampleSurvey } from '@jiuting/questionnaire/testing';
import { OutboxDatabase } from './db.ts';
import { newId } from './ids.ts';
import { enqueue } from './store.ts';

let dbCounter = 0;
export function freshDb(): OutboxDatabase {
  dbCounter += 1;
  return new OutboxDatabase(`outbox-test-${Date.now()}-${dbCounter}-${Math.random()}`);
}

export function surveyItem(
  overrides: Partial<SurveyResponse> = {},
  room = Math.floor(Math.random() * 9000 + 100),
): SurveyResponse {
  return sampleSurvey({
    id: newId(),
    householdAddress: `12号${room}室`,
    collectedAt: '2026-11-27T09:30:00+08:00',
    answers: SAMPLE_ANSWERS,
    ...overrides,
  });
}

export function interviewItem(overrides: Partial<InterviewRecord> = {}): InterviewRecord {
  return sampleInterview({
    id: newId(),
    date: '2026-11-27',
    view: 'B',
    needs: '希望多组织助餐',
    collectedAt: '2026-11-27T10:00:00+08:00',
    ...overrides,
  });
}

/** The username the sync fixture signs in as, and the default collector of queued items. */
export const TEST_COLLECTOR = 'canvasser1';

/** Queues items as the form would; returns their local ids in order. */
export async function queueItems(
  db: OutboxDatabase,
  items: ReadonlyArray<SurveyResponse | InterviewRecord>,
  now = Date.now(),
  collectedBy = TEST_COLLECTOR,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, payload] of items.entries()) {
    const id = newId();
    // One millisecond apart, so "oldest first" is the order given.
    await enqueue(db, { id, kind: payload.kind, payload, form: {}, collectedBy }, now + index);
    ids.push(id);
  }
  return ids;
}
