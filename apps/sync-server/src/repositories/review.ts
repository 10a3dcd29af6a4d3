import { householdKey } from '@jiuting/questionnaire';
import type { Db } from '../db/open.ts';

export type ReviewKind = 'response' | 'interview';

export interface ReviewMark {
  at: string;
  reason: string;
  byUserId: string | null;
  byDisplayName: string | null;
}

interface ReviewItemBase {
  id: string;
  communityCode: string;
  communityName: string;
  /** The canvasser's or interviewer's display name; null for a resident's own QR answer. */
  collector: string | null;
  collectedAt: string;
  receivedAt: string;
  invalid: ReviewMark | null;
}

/** What a coordinator needs to judge a response: where, who, when, how it was filled, its answers. */
export interface ReviewResponse extends ReviewItemBase {
  householdKey: string;
  /** The address as typed on the phone (the key is computed from it). */
  householdAddress: string;
  channel: string;
  score: number;
  /** The household's counted response (false: a repeat, or invalid). */
  counted: boolean;
  /** The answers as stored (question ids and printed letters). */
  answers: Record<string, unknown>;
  /** The questionnaire version it was filled with: its letters mean what that version printed. */
  questionnaireVersion: number;
  /** Paradata: the first answer's time and the answer changes; null when the phone sent none. */
  startedAt: string | null;
  answerChanges: number | null;
  /**
   * The collector's device session the response came through (a sign-in on one phone); null for
   * a resident's QR answer and for imports. Two collectors on one phone, or one collector on
   * several, show here.
   */
  sessionId: string | null;
}

export interface ReviewInterview extends ReviewItemBase {
  group: string;
  method: string;
  date: string;
  view: string;
}

export interface ReviewFilter {
  /** The assessment year the records belong to; every year when absent (one record by id). */
  year?: number | undefined;
  community?: string | undefined;
  id?: string | undefined;
  /** valid: not marked invalid; invalid: marked; repeat: a valid response that does not count
   * because its household already has one (interviews have no repeats); all: every one. */
  status: 'all' | 'valid' | 'invalid' | 'repeat';
  /** Responses only (an interview has none of these: the filter then matches no interview). */
  channel?: string | undefined;
  /** Typed text found in the household key or the address as typed; also its household key. */
  address?: string | undefined;
  /** Only these ids (the responses a quality signal flagged). */
  ids?: readonly string[] | undefined;
  /** The collector's account id. */
  collector?: string | undefined;
  limit: number;
  offset: number;
  /**
   * Keyset paging: only items older than this cursor (a page's `nextCursor`), so a deep page
   * costs what page 1 does. The offset is then counted from the cursor.
   */
  cursor?: string | undefined;
}

/** One page, how many items the filter matches in all, and the cursor of the page after it. */
export interface ReviewPage<Item> {
  items: Item[];
  total: number;
  /** null: this is the last page. */
  nextCursor: string | null;
}

export interface ReviewAction {
  kind: ReviewKind;
  id: string;
  actorUserId: string;
  at: string;
  ip: string;
}

export type ReviewOutcome = 'done' | 'not_found' | 'already_invalid' | 'not_invalid';

interface MarkColumns {
  invalidated_at: string | null;
  invalid_reason: string | null;
  invalidated_by: string | null;
  invalidated_by_name: string | null;
}

function markOf(row: MarkColumns): ReviewMark | null {
  return row.invalidated_at === null
    ? null
    : {
        at: row.invalidated_at,
        reason: row.invalid_reason ?? '',
        byUserId: row.invalidated_by,
        byDisplayName: row.invalidated_by_name,
      };
}

function whereOf(
  filter: ReviewFilter,
  kind: ReviewKind,
): { sql: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (filter.year !== undefined) {
    // With a collector named, their own index (a few thousand rows over every year) is the way
    // in; without statistics SQLite would take the year's index and read the whole year. The
    // unary + keeps the term out of index choice and leaves its meaning alone.
    clauses.push(filter.collector ? '+t.assessment_year = ?' : 't.assessment_year = ?');
    params.push(filter.year);
  }
  if (filter.community) {
    clauses.push('t.community_code = ?');
    params.push(filter.community);
  }
  if (filter.id) {
    clauses.push('t.id = ?');
    params.push(filter.id);
  }
  if (filter.collector) {
    clauses.push('t.user_id = ?');
    params.push(filter.collector);
  }
  const responsesOnly = filter.channel || filter.address || filter.ids;
  if (responsesOnly && kind === 'interview') clauses.push('0');
  if (filter.channel && kind === 'response') {
    clauses.push('t.channel = ?');
    params.push(filter.channel);
  }
  if (filter.address && kind === 'response') {
    // 12-301 finds 12号楼301室: the typed text's own household key, when it reads as one.
    clauses.push(
      `(t.household_key = ? OR instr(t.household_key, ?) > 0
        OR instr(json_extract(t.content, '$.householdAddress'), ?) > 0)`,
    );
    params.push(householdKey(filter.address) ?? '', filter.address, filter.address);
  }
  if (filter.ids && kind === 'response') {
    clauses.push('t.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.ids));
  }
  if (filter.status === 'valid') clauses.push('t.invalidated_at IS NULL');
  if (filter.status === 'invalid') clauses.push('t.invalidated_at IS NOT NULL');
  if (filter.status === 'repeat') {
    clauses.push(kind === 'response' ? 't.counted = 0 AND t.invalidated_at IS NULL' : '0');
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const TABLES: Record<ReviewKind, string> = { response: 'responses', interview: 'interviews' };

/** The fields every review item shares, read from the COMMON columns. */
function baseOf(row: Omit<ReviewItemBase, 'invalid'>): Omit<ReviewItemBase, 'invalid'> {
  return {
    id: row.id,
    communityCode: row.communityCode,
    communityName: row.communityName,
    collector: row.collector,
    collectedAt: row.collectedAt,
    receivedAt: row.receivedAt,
  };
}

const JOINS = `JOIN communities c ON c.code = t.community_code
  LEFT JOIN users u ON u.id = t.user_id
  LEFT JOIN users m ON m.id = t.invalidated_by`;
const COMMON = `t.id, t.community_code AS communityCode, c.name AS communityName,
  u.display_name AS collector, t.collected_at AS collectedAt, t.received_at AS receivedAt,
  t.invalidated_at, t.invalid_reason, t.invalidated_by, m.display_name AS invalidated_by_name`;

/**
 * Coordinator review. Marking an item invalid never deletes it: it leaves every count (coverage,
 * scores, exports all read `invalidated_at IS NULL` / `counted = 1`), and for a response the
 * household's next valid response, if any, becomes the counted one. Each mark and restore writes
 * its audit row in the same transaction, so the state and its history cannot disagree.
 */
export function reviewRepository(
  db: Db,
  deps: {
    /** The arrival rule itself (submissions repository): one place decides which response counts. */
    recountHousehold(communityCode: string, householdKey: string): void;
  },
) {
  const audit = db.prepare(
    'INSERT INTO audit (at, actor_user_id, action, target, ip, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const householdOf = db.prepare<[string], { community_code: string; household_key: string }>(
    'SELECT community_code, household_key FROM responses WHERE id = ?',
  );
  const stateOf = {
    response: db.prepare<[string], { invalidated_at: string | null }>(
      'SELECT invalidated_at FROM responses WHERE id = ?',
    ),
    interview: db.prepare<[string], { invalidated_at: string | null }>(
      'SELECT invalidated_at FROM interviews WHERE id = ?',
    ),
  };
  const setMark = {
    response: db.prepare(
      'UPDATE responses SET invalidated_at = ?, invalid_reason = ?, invalidated_by = ? WHERE id = ?',
    ),
    interview: db.prepare(
      'UPDATE interviews SET invalidated_at = ?, invalid_reason = ?, invalidated_by = ? WHERE id = ?',
    ),
  };

  /**
   * One page of a kind's table, newest first (by arrival, seq), how many rows the filter matches
   * in all, and the cursor after the page: the seq of its last item, when more follow.
   */
  function pageOf<Row>(
    kind: ReviewKind,
    filter: ReviewFilter,
    columns: string,
  ): { total: number; rows: Row[]; nextCursor: string | null } {
    const table = TABLES[kind];
    const where = whereOf(filter, kind);
    const countOf = (w: { sql: string; params: (string | number)[] }): number =>
      db
        .prepare(`SELECT count(*) FROM ${table} t ${w.sql}`)
        .pluck()
        .get(...w.params) as number;
    // Valid is everything less the invalid: both counts read indexes alone (responses_year_seq
    // and the partial responses_invalid), where counting `invalidated_at IS NULL` reads every row.
    const total =
      filter.status === 'valid'
        ? countOf(whereOf({ ...filter, status: 'all' }, kind)) -
          countOf(whereOf({ ...filter, status: 'invalid' }, kind))
        : countOf(where);
    const page =
      filter.cursor === undefined
        ? where
        : {
            sql: `${where.sql ? `${where.sql} AND` : 'WHERE'} t.seq < ?`,
            params: [...where.params, Number(filter.cursor)],
          };
    // One row more than the page tells whether another page follows. The page's seqs first,
    // then its rows: an OFFSET then skips index entries, not rows read whole and joined (page
    // 1,000 of a year: ~1 ms instead of ~27).
    const rows = db
      .prepare<unknown[], Row & { cursorSeq: number }>(
        `SELECT ${COMMON}, ${columns}, t.seq AS cursorSeq
         FROM ${table} t ${JOINS}
         WHERE t.seq IN (SELECT t.seq FROM ${table} t ${page.sql}
                         ORDER BY t.seq DESC LIMIT ? OFFSET ?)
         ORDER BY t.seq DESC`,
      )
      .all(...page.params, filter.limit + 1, filter.offset);
    const more = rows.length > filter.limit;
    const shown = rows.slice(0, filter.limit);
    return {
      total,
      rows: shown,
      nextCursor: more ? String((shown.at(-1) as { cursorSeq: number }).cursorSeq) : null,
    };
  }

  function recount(id: string): void {
    const row = householdOf.get(id);
    if (row) deps.recountHousehold(row.community_code, row.household_key);
  }

  const change = db.transaction((action: ReviewAction, reason: string | null): ReviewOutcome => {
    const state = stateOf[action.kind].get(action.id);
    if (!state) return 'not_found';
    const invalid = state.invalidated_at !== null;
    if (reason !== null && invalid) return 'already_invalid';
    if (reason === null && !invalid) return 'not_invalid';
    setMark[action.kind].run(
      reason === null ? null : action.at,
      reason,
      reason === null ? null : action.actorUserId,
      action.id,
    );
    if (action.kind === 'response') recount(action.id);
    // The reason is the coordinator's own words about the record, not a resident's answer.
    audit.run(
      action.at,
      action.actorUserId,
      reason === null ? 'review_restored' : 'review_invalidated',
      `${action.kind}:${action.id}`,
      action.ip,
      JSON.stringify(reason === null ? { kind: action.kind } : { kind: action.kind, reason }),
    );
    return 'done';
  });

  return {
    invalidate: (action: ReviewAction, reason: string) => change(action, reason),
    restore: (action: ReviewAction) => change(action, null),

    listResponses(filter: ReviewFilter): ReviewPage<ReviewResponse> {
      const { total, rows, nextCursor } = pageOf<
        Omit<
          ReviewResponse,
          'invalid' | 'counted' | 'answers' | 'householdAddress' | 'questionnaireVersion'
        > &
          MarkColumns & { counted: number; content: string }
      >(
        'response',
        filter,
        `t.household_key AS householdKey, t.channel, t.score, t.counted, t.content,
         t.started_at AS startedAt, t.answer_changes AS answerChanges, t.session_id AS sessionId`,
      );
      return {
        total,
        nextCursor,
        items: rows.map((r) => {
          const content = JSON.parse(r.content) as {
            householdAddress?: string;
            answers?: Record<string, unknown>;
            questionnaireVersion?: number;
          };
          return {
            ...baseOf(r),
            householdKey: r.householdKey,
            householdAddress: content.householdAddress ?? '',
            channel: r.channel,
            score: r.score,
            counted: r.counted === 1,
            answers: content.answers ?? {},
            // Every item names its version; 1 (附件1 2025) is what items stored before carried.
            questionnaireVersion: content.questionnaireVersion ?? 1,
            startedAt: r.startedAt,
            answerChanges: r.answerChanges,
            sessionId: r.sessionId,
            invalid: markOf(r),
          };
        }),
      };
    },

    listInterviews(filter: ReviewFilter): ReviewPage<ReviewInterview> {
      const { total, rows, nextCursor } = pageOf<Omit<ReviewInterview, 'invalid'> & MarkColumns>(
        'interview',
        filter,
        't.interview_group AS "group", t.method, t.interview_date AS date, t.view',
      );
      return {
        total,
        nextCursor,
        items: rows.map((r) => ({
          ...baseOf(r),
          group: r.group,
          method: r.method,
          date: r.date,
          view: r.view,
          invalid: markOf(r),
        })),
      };
    },

    list(kind: ReviewKind, filter: ReviewFilter) {
      return kind === 'response' ? this.listResponses(filter) : this.listInterviews(filter);
    },

    /** One item as the list shows it (after a review action, for the answer). */
    find(kind: ReviewKind, id: string): ReviewResponse | ReviewInterview | undefined {
      return this.list(kind, { id, status: 'all', limit: 1, offset: 0 }).items[0];
    },
  };
}

export type ReviewRepository = ReturnType<typeof reviewRepository>;
