import {
  COLLECTOR_BURST_MINUTES,
  FINGERPRINT_BURST_MINUTES,
  type QualityRow,
} from '@jiuting/questionnaire';
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

/** Twice the longer burst window, so every run a response can be in is read whole. */
const NEAR_SECONDS = 2 * Math.max(COLLECTOR_BURST_MINUTES, FINGERPRINT_BURST_MINUTES) * 60;

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
  // collectors and fingerprints within twice the longer burst window of each.
  // Each branch is an index range per listed response (its day and the days either side,
  // migrations 050 and 054; CROSS JOIN keeps the listed rows outside), narrowed by the time in
  // the index entry before any row is read, so a page costs what its own neighbours do.
  // Invalidated responses count too: a burst happened whatever a coordinator decided later.
  const around = db.prepare<[string], Row>(
    `WITH listed AS MATERIALIZED (
       SELECT seq, user_id, client_fingerprint, unixepoch(collected_at) AS at,
         date(collected_day, '-1 day') AS from_day, date(collected_day, '+1 day') AS to_day
       FROM responses WHERE id IN (SELECT value FROM json_each(?))),
     near(seq) AS (
       SELECT seq FROM listed
       UNION SELECT r.seq FROM listed l CROSS JOIN responses r
         ON r.user_id = l.user_id AND r.collected_day BETWEEN l.from_day AND l.to_day
         AND r.user_id IS NOT NULL AND abs(unixepoch(r.collected_at) - l.at) <= ${NEAR_SECONDS}
       UNION SELECT r.seq FROM listed l CROSS JOIN responses r
         ON r.client_fingerprint = l.client_fingerprint
         AND r.collected_day BETWEEN l.from_day AND l.to_day
         AND r.client_fingerprint IS NOT NULL
         AND abs(unixepoch(r.collected_at) - l.at) <= ${NEAR_SECONDS})
     SELECT ${COLUMNS} FROM responses r WHERE r.seq IN (SELECT seq FROM near)`,
  );
  // What the signals read changes only when a response is stored (its seq is new), when a
  // stored one changes or goes (counted in response_changes by triggers, migration 051), when a
  // year's salt clears old fingerprints, or when a name changes. Cheap to read (an index end and
  // small tables), so a report can be kept until it moves, and brought up to date from the new
  // rows alone when only the first part moved.
  const changes = db.prepare<[], { seq: number; rest: string }>(
    `SELECT (SELECT coalesce(max(seq), 0) FROM responses) AS seq,
        (SELECT count FROM response_changes WHERE id = 1)
        || ':' || (SELECT count(*) || '/' || coalesce(max(year), 0) FROM fingerprint_salts)
        || ':' || (SELECT coalesce(max(updated_at), '') || '/' || count(*) FROM users)
        || ':' || (SELECT coalesce(max(updated_at), '') || '/' || count(*) FROM communities)
        AS rest`,
  );
  const afterInYear = db.prepare<[number, number], Row>(
    `SELECT ${COLUMNS} FROM responses r WHERE r.seq > ? AND r.assessment_year = ? ORDER BY r.seq`,
  );
  const after = db.prepare<[number], Row>(
    `SELECT ${COLUMNS} FROM responses r WHERE r.seq > ? ORDER BY r.seq`,
  );
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
    version(): string {
      const { seq, rest } = changes.get() as { seq: number; rest: string };
      return `${seq}:${rest}`;
    },
    /** As `version`, split: the last stored response's seq, and everything else. */
    changes: () => changes.get() as { seq: number; rest: string },
    /** Responses stored after `seq` (of one assessment year, or of every year), oldest first. */
    responsesAfter(seq: number, year?: number): QualityResponse[] {
      return named(year === undefined ? after.all(seq) : afterInYear.all(seq, year));
    },
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
