// Test-only: item factories and fresh databases (no server, so any test environment can use them).
import type { InterviewRecord, SurveyResponse } from '@jiuting/questionnaire';
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
  return {
    kind: 'survey',
    id: newId(),
    questionnaireId: 'jiuting-2025',
    questionnaireVersion: 1,
    communityCode: 'DEMO01',
    householdAddress: `12号${room}室`,
    channel: 'door',
    collectedAt: '2026-11-27T09:30:00+08:00',
    answers: {
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
    },
    ...overrides,
  };
}

export function interviewItem(overrides: Partial<InterviewRecord> = {}): InterviewRecord {
  return {
    kind: 'interview',
    id: newId(),
    communityCode: 'DEMO01',
    group: 'elderly_living_alone',
    method: 'home',
    date: '2026-11-27',
    view: 'B',
    needs: '希望多组织助餐',
    collectedAt: '2026-11-27T10:00:00+08:00',
    ...overrides,
  };
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
