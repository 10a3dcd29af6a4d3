import type { Db } from '../db/open.ts';

export type TalliedQuestion = 'q10' | 'q11';
/** The free texts residents typed: q12 (意见和建议) and the 其他 boxes of q10 and q11. */
export const FEEDBACK_TEXT_FIELDS = ['q12', 'q10Other', 'q11Other'] as const;
export type FeedbackTextField = (typeof FEEDBACK_TEXT_FIELDS)[number];

export interface OptionCount {
  code: string;
  letter: string;
  count: number;
}

export interface FeedbackText {
  responseId: string;
  communityCode: string;
  communityName: string;
  field: FeedbackTextField;
  text: string;
  collectedAt: string;
}

export interface FeedbackTextFilter {
  community?: string | undefined;
  field?: FeedbackTextField | undefined;
  /** Matched as a substring; % and _ are literal characters, not wildcards. */
  search?: string | undefined;
  limit: number;
  offset: number;
}

/** A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards escaped by `\`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Only counted responses speak for a household (the same set as coverage, scores and the
// export), so a repeat or an invalidated answer never tips a tally.
export function feedbackRepository(db: Db) {
  const respondents = db.prepare<[], { code: string; count: number }>(
    `SELECT community_code AS code, count(*) AS count FROM responses WHERE counted = 1
     GROUP BY community_code`,
  );
  const optionCounts = {
    q10: db.prepare<[], OptionCount>(
      `SELECT r.community_code AS code, j.value AS letter, count(*) AS count
       FROM responses r, json_each(r.content, '$.answers.q10') j
       WHERE r.counted = 1 GROUP BY r.community_code, j.value`,
    ),
    q11: db.prepare<[], OptionCount>(
      `SELECT r.community_code AS code, j.value AS letter, count(*) AS count
       FROM responses r, json_each(r.content, '$.answers.q11') j
       WHERE r.counted = 1 GROUP BY r.community_code, j.value`,
    ),
  };
  const texts = FEEDBACK_TEXT_FIELDS.map(
    (field) =>
      `SELECT seq, id AS responseId, community_code AS communityCode, '${field}' AS field,
         json_extract(content, '$.answers.${field}') AS text, collected_at AS collectedAt
       FROM responses WHERE counted = 1`,
  ).join(' UNION ALL ');

  return {
    respondents: () => respondents.all(),
    optionCounts: (question: TalliedQuestion) => optionCounts[question].all(),

    texts(filter: FeedbackTextFilter): { items: FeedbackText[]; total: number } {
      const clauses = ['t.text IS NOT NULL', "trim(t.text) <> ''"];
      const params: (string | number)[] = [];
      if (filter.community) {
        clauses.push('t.communityCode = ?');
        params.push(filter.community);
      }
      if (filter.field) {
        clauses.push('t.field = ?');
        params.push(filter.field);
      }
      if (filter.search) {
        clauses.push("t.text LIKE ? ESCAPE '\\'");
        params.push(containsPattern(filter.search));
      }
      const where = `WHERE ${clauses.join(' AND ')}`;
      const total = db
        .prepare(`SELECT count(*) FROM (${texts}) t ${where}`)
        .pluck()
        .get(...params) as number;
      const items = db
        .prepare<unknown[], FeedbackText>(
          `SELECT t.responseId, t.communityCode, c.name AS communityName, t.field, t.text,
             t.collectedAt
           FROM (${texts}) t JOIN communities c ON c.code = t.communityCode ${where}
           ORDER BY t.seq DESC, t.field LIMIT ? OFFSET ?`,
        )
        .all(...params, filter.limit, filter.offset);
      return { items, total };
    },
  };
}

export type FeedbackRepository = ReturnType<typeof feedbackRepository>;
