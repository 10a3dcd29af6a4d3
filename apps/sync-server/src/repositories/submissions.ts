import type { Db } from '../db/open.ts';

export type Source = 'sync' | 'qr' | 'outbox';

export interface StoredItem {
  kind: 'survey' | 'interview';
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

export function submissionsRepository(db: Db) {
  const existing = db.prepare<
    [string, string],
    { kind: 'survey' | 'interview'; hash: string; counted: number }
  >(
    `SELECT 'survey' AS kind, content_hash AS hash, counted FROM responses WHERE id = ?
     UNION ALL
     SELECT 'interview', content_hash, 0 FROM interviews WHERE id = ?`,
  );
  // The first valid response of a household (by arrival) is the counted one; a later one is a
  // repeat, kept for a coordinator to see. Deciding it inside the INSERT keeps it atomic.
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
  const insertInterview = db.prepare<NewInterview>(
    `INSERT INTO interviews (id, content_hash, content, community_code, interview_group, method, view,
       interview_date, collected_at, received_at, user_id, session_id, source, exported_by)
     VALUES (@id, @contentHash, @content, @communityCode, @group, @method, @view,
       @date, @collectedAt, @receivedAt, @userId, @sessionId, @source, @exportedBy)`,
  );
  const uncountHousehold = db.prepare(
    'UPDATE responses SET counted = 0 WHERE community_code = ? AND household_key = ? AND counted = 1',
  );
  // Written as two halves so each reads its partial index (counted / repeats).
  const countFirstValid = db.prepare(
    `UPDATE responses SET counted = 1 WHERE seq = (
       SELECT min(seq) FROM (
         SELECT seq FROM responses WHERE community_code = @c AND household_key = @h
           AND counted = 1 AND invalidated_at IS NULL
         UNION ALL
         SELECT seq FROM responses WHERE community_code = @c AND household_key = @h
           AND counted = 0 AND invalidated_at IS NULL))`,
  );

  return {
    find(id: string): StoredItem | undefined {
      const row = existing.get(id, id);
      return row
        ? { kind: row.kind, contentHash: row.hash, counted: row.counted === 1 }
        : undefined;
    },
    /** Stores a response; returns whether it is the household's counted one (false: a repeat). */
    insertResponse(row: NewResponse): boolean {
      const full = { startedAt: null, answerChanges: null, fingerprint: null, ...row };
      return (insertResponse.get(full) as { counted: number }).counted === 1;
    },
    insertInterview(row: NewInterview): void {
      insertInterview.run(row);
    },
    /**
     * Re-decides which response of a household counts: its first by arrival that is not
     * invalidated. Coordinator review (invalidate / restore) calls this in the same transaction.
     */
    recountHousehold(communityCode: string, householdKey: string): void {
      uncountHousehold.run(communityCode, householdKey);
      countFirstValid.run({ c: communityCode, h: householdKey });
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
