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
  communityName: string;
  collectorId: string | null;
  collectorName: string | null;
  channel: string;
  collectedAt: string;
  startedAt: string | null;
  answerChanges: number | null;
  fingerprint: string | null;
  householdKey: string;
  score: number;
  counted: number;
  invalid: number;
  q3: string;
  q4: string;
  q5: string;
  q6: string;
  q7: string;
  q8: string;
  q9: string;
}

/**
 * Every response of a span of Shanghai days, invalid ones included: a burst happened whatever a
 * coordinator later decided about one of its responses. Only the scored letters are read from
 * the stored answers.
 */
export function qualityRepository(db: Db) {
  const byDays = db.prepare<[string, string], Row>(
    `SELECT r.id, r.community_code AS communityCode, c.name AS communityName,
       r.user_id AS collectorId, u.display_name AS collectorName, r.channel,
       r.collected_at AS collectedAt, r.started_at AS startedAt, r.answer_changes AS answerChanges,
       r.client_fingerprint AS fingerprint, r.household_key AS householdKey, r.score, r.counted,
       r.invalidated_at IS NOT NULL AS invalid,
       json_extract(r.content, '$.answers.q3') AS q3, json_extract(r.content, '$.answers.q4') AS q4,
       json_extract(r.content, '$.answers.q5') AS q5, json_extract(r.content, '$.answers.q6') AS q6,
       json_extract(r.content, '$.answers.q7') AS q7, json_extract(r.content, '$.answers.q8') AS q8,
       json_extract(r.content, '$.answers.q9') AS q9
     FROM responses r
     JOIN communities c ON c.code = r.community_code
     LEFT JOIN users u ON u.id = r.user_id
     WHERE r.collected_day BETWEEN ? AND ?`,
  );

  return {
    /** Responses collected from `fromDay` to `toDay` (Shanghai `YYYY-MM-DD`, both included). */
    responses(fromDay: string, toDay: string): QualityResponse[] {
      return byDays.all(fromDay, toDay).map((r) => ({
        id: r.id,
        communityCode: r.communityCode,
        communityName: r.communityName,
        collectorId: r.collectorId,
        collectorName: r.collectorName,
        channel: r.channel,
        collectedAt: r.collectedAt,
        startedAt: r.startedAt,
        answerChanges: r.answerChanges,
        fingerprint: r.fingerprint,
        householdKey: r.householdKey,
        scored: { q3: r.q3, q4: r.q4, q5: r.q5, q6: r.q6, q7: r.q7, q8: r.q8, q9: r.q9 },
        score: r.score,
        counted: r.counted === 1,
        invalid: r.invalid === 1,
      }));
    },
  };
}

export type QualityRepository = ReturnType<typeof qualityRepository>;
