import type { QualityRow } from '@jiuting/questionnaire';
import type { Db } from '../db/open.ts';

/** A response as the quality signals read it, with what a coordinator needs to find it. */
export interface QualityResponse extends QualityRow {
  readonly communityName: string;
  readonly collectorName: string | null;
  readonly householdKey: string;
  readonly answerChanges: number | null;
  readonly invalid: boolean;
}

interface Row {
  id: string;
  communityCode: string;
  collectorId: string | null;
  channel: string;
  collectedAt: string;
  startedAt: string | null;
  answerChanges: number | null;
  fingerprint: string | null;
  householdKey: string;
  score: number;
  counted: number;
  invalid: number;
  /** JSON array of the letters of q3–q9, in order. */
  scored: string;
}

/**
 * Every response of a span of Shanghai days, invalid ones included: a burst happened whatever a
 * coordinator later decided about one of its responses. Only the scored letters are read from
 * the stored answers.
 */
export function qualityRepository(db: Db) {
  const byDays = db.prepare<[string, string], Row>(
    `SELECT r.id, r.community_code AS communityCode, r.user_id AS collectorId, r.channel,
       r.collected_at AS collectedAt, r.started_at AS startedAt, r.answer_changes AS answerChanges,
       r.client_fingerprint AS fingerprint, r.household_key AS householdKey, r.score, r.counted,
       r.invalidated_at IS NOT NULL AS invalid,
       -- One call with seven paths parses the stored JSON once, not seven times.
       json_extract(r.content, '$.answers.q3', '$.answers.q4', '$.answers.q5', '$.answers.q6',
         '$.answers.q7', '$.answers.q8', '$.answers.q9') AS scored
     FROM responses r
     WHERE r.collected_day BETWEEN ? AND ?`,
  );
  // Names from the two small tables once, not joined into every one of thousands of rows.
  const communityNames = db
    .prepare<[], [string, string]>('SELECT code, name FROM communities')
    .raw();
  const userNames = db.prepare<[], [string, string]>('SELECT id, display_name FROM users').raw();

  return {
    /** Responses collected from `fromDay` to `toDay` (Shanghai `YYYY-MM-DD`, both included). */
    responses(fromDay: string, toDay: string): QualityResponse[] {
      const communities = new Map(communityNames.all());
      const users = new Map(userNames.all());
      return byDays.all(fromDay, toDay).map((r) => {
        const [q3, q4, q5, q6, q7, q8, q9] = JSON.parse(r.scored) as string[];
        return {
          id: r.id,
          communityCode: r.communityCode,
          communityName: communities.get(r.communityCode) ?? r.communityCode,
          collectorId: r.collectorId,
          collectorName: r.collectorId === null ? null : (users.get(r.collectorId) ?? null),
          channel: r.channel,
          collectedAt: r.collectedAt,
          startedAt: r.startedAt,
          answerChanges: r.answerChanges,
          fingerprint: r.fingerprint,
          householdKey: r.householdKey,
          scored: { q3, q4, q5, q6, q7, q8, q9 } as Record<string, string>,
          score: r.score,
          counted: r.counted === 1,
          invalid: r.invalid === 1,
        };
      });
    },
  };
}

export type QualityRepository = ReturnType<typeof qualityRepository>;
