import type { Db } from '../db/open.ts';

export type Source = 'sync' | 'qr' | 'outbox';

export interface StoredItem {
  kind: 'survey' | 'interview' | 'visit';
  contentHash: string;
  counted: boolean;
}

interface Provenance {
  receivedAt: string;
  userId: string | null;
  sessionId: string | null;
  source: Source;
  exportedBy: string | null;
}

export interface NewResponse extends Provenance {
  id: string;
  contentHash: string;
  content: string;
  communityCode: string;
  householdKey: string;
  channel: string;
  collectedAt: string;
  collectedDay: string;
  score: number;
  /** Paradata: the first answer's time and the answer changes, null when the phone sent none. */
  startedAt?: string | null;
  answerChanges?: number | null;
  /** A QR answer's coarse client fingerprint (see domain/client-fingerprint.ts), else null. */
  fingerprint?: string | null;
}

export interface NewInterview extends Provenance {
  id: string;
  contentHash: string;
  content: string;
  communityCode: string;
  group: string;
  method: string;
  view: string;
  date: string;
  collectedAt: string;
}

export interface NewVisit extends Provenance {
  id: string;
  contentHash: string;
  content: string;
  communityCode: string;
  householdKey: string;
  outcome: string;
  collectedAt: string;
  collectedDay: string;
  assessmentYear: number;
}

export function submissionsRepository(db: Db) {
  // One id space for every kind: an id stored as one kind and sent as another is a conflict.
  const existing = db.prepare<
    [string, string, string],
    { kind: StoredItem['kind']; hash: string; counted: number }
  >(
    `SELECT 'survey' AS kind, content_hash AS hash, counted FROM responses WHERE id = ?
     UNION ALL
     SELECT 'interview', content_hash, 0 FROM interviews WHERE id = ?
     UNION ALL
     SELECT 'visit', content_hash, 0 FROM visits WHERE id = ?`,
  );
  const insertVisit = db.prepare<NewVisit>(
    `INSERT INTO visits (id, content_hash, content, community_code, household_key, outcome,
       collected_at, collected_day, assessment_year, received_at, user_id, session_id, source,
       exported_by)
     VALUES (@id, @contentHash, @content, @communityCode, @householdKey, @outcome,
       @collectedAt, @collectedDay, @assessmentYear, @receivedAt, @userId, @sessionId, @source,
       @exportedBy)`,
  );
  // Which response of a household counts is the rule COUNTED_RESPONSE_RULE of
  // @jiuting/questionnaire ("canvasser first"): a canvasser's (door, phone, paper) first valid
  // response; a resident's QR response only while no canvasser's exists. The QR link hangs on a
  // notice board, so anyone can answer for a household before the canvasser arrives; both are
  // kept. Deciding it inside the write keeps it atomic; coverage, scores and exports all read
  // the one `counted` flag, so the rule is the same everywhere.
  const insertResponse = db.prepare<NewResponse, { counted: number }>(
    `INSERT INTO responses (id, content_hash, content, community_code, household_key, channel,
       collected_at, collected_day, score, received_at, user_id, session_id, source, exported_by,
       started_at, answer_changes, client_fingerprint, counted)
     VALUES (@id, @contentHash, @content, @communityCode, @householdKey, @channel,
       @collectedAt, @collectedDay, @score, @receivedAt, @userId, @sessionId, @source, @exportedBy,
       @startedAt, @answerChanges, @fingerprint,
       NOT EXISTS (SELECT 1 FROM responses WHERE community_code = @communityCode
                   AND household_key = @householdKey AND counted = 1))
     RETURNING counted`,
  );
  // A canvasser's response takes the count from a QR one (run before its insert).
  const yieldQrCount = db.prepare<{ communityCode: string; householdKey: string }>(
    `UPDATE responses SET counted = 0 WHERE community_code = @communityCode
       AND household_key = @householdKey AND counted = 1 AND channel = 'qr'`,
  );
  const insertInterview = db.prepare<NewInterview>(
    `INSERT INTO interviews (id, content_hash, content, community_code, interview_group, method, view,
       interview_date, collected_at, received_at, user_id, session_id, source, exported_by)
     VALUES (@id, @contentHash, @content, @communityCode, @group, @method, @view,
       @date, @collectedAt, @receivedAt, @userId, @sessionId, @source, @exportedBy)`,
  );
  const uncountHousehold = db.prepare(
    'UPDATE responses SET counted = 0 WHERE community_code = ? AND household_key = ? AND counted = 1',
  );
  // Written as two halves so each reads its partial index (counted / repeats). Canvasser
  // first: a non-QR response before any QR one, then by arrival.
  const countFirstValid = db.prepare(
    `UPDATE responses SET counted = 1 WHERE seq = (
       SELECT seq FROM (
         SELECT seq, channel FROM responses WHERE community_code = @c AND household_key = @h
           AND counted = 1 AND invalidated_at IS NULL
         UNION ALL
         SELECT seq, channel FROM responses WHERE community_code = @c AND household_key = @h
           AND counted = 0 AND invalidated_at IS NULL)
       ORDER BY channel = 'qr', seq LIMIT 1)`,
  );

  return {
    find(id: string): StoredItem | undefined {
      const row = existing.get(id, id, id);
      return row
        ? { kind: row.kind, contentHash: row.hash, counted: row.counted === 1 }
        : undefined;
    },
    /** Stores a response; returns whether it is the household's counted one (false: a repeat). */
    insertResponse(row: NewResponse): boolean {
      if (row.channel !== 'qr') {
        yieldQrCount.run({ communityCode: row.communityCode, householdKey: row.householdKey });
      }
      const full = { startedAt: null, answerChanges: null, fingerprint: null, ...row };
      return (insertResponse.get(full) as { counted: number }).counted === 1;
    },
    insertInterview(row: NewInterview): void {
      insertInterview.run(row);
    },
    /** Stores a visit outcome; it never touches which response counts. */
    insertVisit(row: NewVisit): void {
      insertVisit.run(row);
    },
    /**
     * Re-decides which response of a household counts: its first by arrival that is not
     * invalidated. Coordinator review (invalidate / restore) calls this in the same transaction.
     */
    recountHousehold(communityCode: string, householdKey: string): void {
      uncountHousehold.run(communityCode, householdKey);
      countFirstValid.run({ c: communityCode, h: householdKey });
    },
    /**
     * Gives a response another household key (a 未分区 key its area), then re-decides which
     * response counts in the household it left and the one it joined. The caller's transaction.
     */
    moveResponseKey(id: string, key: string): void {
      const row = db
        .prepare<[string], { community_code: string; household_key: string }>(
          'SELECT community_code, household_key FROM responses WHERE id = ?',
        )
        .get(id);
      if (!row) return;
      // Uncounted as it moves: the household it joins may already have its counted response
      // (one per household, by a unique index); the recount below decides.
      db.prepare('UPDATE responses SET household_key = ?, counted = 0 WHERE id = ?').run(key, id);
      this.recountHousehold(row.community_code, row.household_key);
      this.recountHousehold(row.community_code, key);
    },
    /** Marks a response invalid (or valid again with reason null) and re-decides its household. */
    setResponseInvalid(id: string, reason: string | null, at: string): boolean {
      return db.transaction(() => {
        const row = db
          .prepare<[string], { community_code: string; household_key: string }>(
            'SELECT community_code, household_key FROM responses WHERE id = ?',
          )
          .get(id);
        if (!row) return false;
        db.prepare('UPDATE responses SET invalidated_at = ?, invalid_reason = ? WHERE id = ?').run(
          reason === null ? null : at,
          reason,
          id,
        );
        this.recountHousehold(row.community_code, row.household_key);
        return true;
      })();
    },
    responseContent(id: string): string | undefined {
      return db.prepare('SELECT content FROM responses WHERE id = ?').pluck().get(id) as
        | string
        | undefined;
    },
  };
}

export type SubmissionsRepository = ReturnType<typeof submissionsRepository>;
