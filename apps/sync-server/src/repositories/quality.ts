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
 * coordinator later decided about one of its responses. Only the scored letters are read, from
 * the column ingest keeps for them.
 */
export function qualityRepository(db: Db) {
  const COLUMNS = `r.id, r.community_code AS communityCode, r.user_id AS collectorId, r.channel,
       r.collected_at AS collectedAt, r.started_at AS startedAt, r.answer_changes AS answerChanges,
       r.client_fingerprint AS fingerprint, r.household_key AS householdKey, r.score, r.counted,
       r.invalidated_at IS NOT NULL AS invalid,
       -- Kept at ingest (migration 034); a row written some other way is read from its JSON.
       coalesce(r.scored, json_extract(r.content, '$.answers.q3', '$.answers.q4',
         '$.answers.q5', '$.answers.q6', '$.answers.q7', '$.answers.q8', '$.answers.q9')) AS scored`;
  const byDays = db.prepare<[string, string], Row>(
    `SELECT ${COLUMNS} FROM responses r WHERE r.collected_day BETWEEN ? AND ?`,
  );
  const byYear = db.prepare<[number], Row>(
    `SELECT ${COLUMNS} FROM responses r WHERE r.assessment_year = ?`,
  );
  // What decides the flags of the listed responses: themselves, and the responses of their
  // collectors and fingerprints from the day before the first to the day after the last (a
  // burst window is at most an hour, so it can cross midnight but not a whole day).
  const around = db.prepare<[string], Row>(
    `WITH listed AS (
       SELECT id, user_id, client_fingerprint, collected_day FROM responses
       WHERE id IN (SELECT value FROM json_each(?)))
     SELECT ${COLUMNS} FROM responses r
     WHERE r.id IN (SELECT id FROM listed)
       OR ((r.user_id IN (SELECT user_id FROM listed WHERE user_id IS NOT NULL)
            OR r.client_fingerprint IN
              (SELECT client_fingerprint FROM listed WHERE client_fingerprint IS NOT NULL))
           AND r.collected_day BETWEEN (SELECT date(min(collected_day), '-1 day') FROM listed)
                                   AND (SELECT date(max(collected_day), '+1 day') FROM listed))`,
  );
  // What the signals read changes only when a response is stored (its seq is new), when a
  // stored one changes (review, recount, area assignment: each writes its audit row in the
  // same transaction), when a year's salt clears old fingerprints, or when a name changes.
  // Cheap to read (index ends and two small tables), so a report can be kept until it moves.
  const version = db
    .prepare<[], string>(
      `SELECT (SELECT coalesce(max(seq), 0) FROM responses)
        || ':' || (SELECT coalesce(max(id), 0) FROM audit)
        || ':' || (SELECT count(*) || '/' || coalesce(max(year), 0) FROM fingerprint_salts)
        || ':' || (SELECT coalesce(max(updated_at), '') || '/' || count(*) FROM users)
        || ':' || (SELECT coalesce(max(updated_at), '') || '/' || count(*) FROM communities)`,
    )
    .pluck();
  // Names from the two small tables once, not joined into every one of thousands of rows.
  const communityNames = db
    .prepare<[], [string, string]>('SELECT code, name FROM communities')
    .raw();
  const userNames = db.prepare<[], [string, string]>('SELECT id, display_name FROM users').raw();

  return {
    /** The responses of one assessment year. */
    responsesOfYear(year: number): QualityResponse[] {
      return named(byYear.all(year));
    },
    /** Changes whenever anything the signals read may have changed (see above). */
    version: () => version.get() as string,
    /** Responses collected from `fromDay` to `toDay` (Shanghai `YYYY-MM-DD`, both included). */
    responses(fromDay: string, toDay: string): QualityResponse[] {
      return named(byDays.all(fromDay, toDay));
    },
    /**
     * Enough rows to flag the given responses exactly (see `around`), without reading the year:
     * the signals' flags for these ids are the same as over every response.
     */
    responsesAround(ids: readonly string[]): QualityResponse[] {
      return ids.length === 0 ? [] : named(around.all(JSON.stringify(ids)));
    },
  };

  function named(rows: Row[]): QualityResponse[] {
    const communities = new Map(communityNames.all());
    const users = new Map(userNames.all());
    return rows.map((r) => {
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
  }
}

export type QualityRepository = ReturnType<typeof qualityRepository>;
