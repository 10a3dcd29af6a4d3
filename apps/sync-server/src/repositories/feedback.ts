import { FEEDBACK_TEXT_FIELDS } from '@jiuting/api-contract';
import type { Db } from '../db/open.ts';

export type TalliedQuestion = 'q10' | 'q11';
/** The free texts residents typed: q12 (意见和建议) and the 其他 boxes of q10 and q11. */
export { FEEDBACK_TEXT_FIELDS };
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
  /** The assessment year whose texts are listed. */
  year: number;
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

/** A MATCH expression for one phrase: the text verbatim, its own double quotes doubled. */
function phrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Where each field sits in feedback_texts.id (seq × 4 + slot; migration 029). */
const FIELD_SLOT: Record<FeedbackTextField, number> = { q10Other: 3, q11Other: 2, q12: 1 };

/** Each year's texts have ids from year × 2^40 (migration 046): one range per year. */
const YEAR_ID_SPAN = 2 ** 40;
function yearIds(year: number): [number, number] {
  return [year * YEAR_ID_SPAN, (year + 1) * YEAR_ID_SPAN - 1];
}

/** The trigram index holds substrings of three characters; a shorter query has none to look up. */
const SHORTEST_INDEXED_SEARCH = 3;

// Only counted responses speak for a household (the same set as coverage, scores and the
// export), so a repeat or an invalidated answer never tips a tally. The tables read here are
// kept by triggers on responses in the same transaction as each write (migration 029), so the
// views read a few thousand summary rows, not the JSON of every response.
export function feedbackRepository(db: Db) {
  const respondents = db.prepare<[number], { code: string; count: number }>(
    `SELECT community_code AS code, count FROM feedback_respondents
     WHERE assessment_year = ? AND count > 0 ORDER BY community_code`,
  );
  const optionCounts = db.prepare<[number, TalliedQuestion], OptionCount>(
    `SELECT community_code AS code, letter, count FROM feedback_option_counts
     WHERE assessment_year = ? AND question = ? AND count > 0 ORDER BY community_code, letter`,
  );

  const textCount = db
    .prepare<{ year: number; community: string | null; slot: number | null }, number>(
      `SELECT coalesce(sum(count), 0) FROM feedback_text_counts
       WHERE assessment_year = @year AND (@community IS NULL OR community_code = @community)
         AND (@slot IS NULL OR slot = @slot)`,
    )
    .pluck();

  return {
    /** Counted responses per community in the year (the tallies' denominators). */
    respondents: (year: number) => respondents.all(year),
    optionCounts: (year: number, question: TalliedQuestion) => optionCounts.all(year, question),

    texts(filter: FeedbackTextFilter): { items: FeedbackText[]; total: number } {
      // A year's texts are one rowid range (migration 046), in the list's order.
      const [low, high] = yearIds(filter.year);
      const clauses: string[] = ['t.id BETWEEN ? AND ?'];
      const params: (string | number)[] = [low, high];
      // The trigram index finds a query of three or more characters and pages it newest first
      // (its rowid is the list's order). A query of one or two characters (停车, 噪) has no
      // trigram: those scan the kept texts with LIKE as before, short strings rather than every
      // response's JSON. The index folds case like LIKE does for ASCII (and for other scripts'
      // letters too, which LIKE did not: Ａ finds ａ).
      const indexed =
        filter.search !== undefined && [...filter.search].length >= SHORTEST_INDEXED_SEARCH;
      if (indexed) {
        clauses.push('feedback_search MATCH ?');
        params.push(phrase(filter.search as string));
      } else if (filter.search) {
        clauses.push("t.text LIKE ? ESCAPE '\\'");
        params.push(containsPattern(filter.search));
      }
      if (filter.field) {
        clauses.push('t.id % 4 = ?');
        params.push(FIELD_SLOT[filter.field]);
      }
      if (filter.community) {
        // Without the index search, the year too, though the id range says it: (community,
        // year) is then the index's prefix and its entries come in id order, with no sort. With
        // it, the search's matches lead and each is looked up by id.
        if (indexed) {
          clauses.push('t.community_code = ?');
          params.push(filter.community);
        } else {
          clauses.push('t.community_code = ? AND t.assessment_year = ?');
          params.push(filter.community, filter.year);
        }
      }
      const where = `WHERE ${clauses.join(' AND ')}`;
      const from = indexed
        ? 'feedback_search s JOIN feedback_texts t ON t.id = s.rowid'
        : 'feedback_texts t';
      let total: number;
      if (!filter.search) {
        // Without a search the total is kept per (year, community, field).
        total = textCount.get({
          year: filter.year,
          community: filter.community ?? null,
          slot: filter.field ? FIELD_SLOT[filter.field] : null,
        }) as number;
      } else {
        // Counting the index's matches alone needs no row of feedback_texts unless a community
        // narrows them (the year is the rowid's range, the field its last two bits).
        const indexOnly = indexed && !filter.community;
        total = db
          .prepare(
            indexOnly
              ? `SELECT count(*) FROM feedback_search s ${where.replaceAll('t.id', 's.rowid')}`
              : `SELECT count(*) FROM ${from} ${where}`,
          )
          .pluck()
          .get(...params) as number;
      }
      const items = db
        .prepare<unknown[], FeedbackText>(
          `SELECT t.response_id AS responseId, t.community_code AS communityCode,
             c.name AS communityName, t.field, t.text, t.collected_at AS collectedAt
           FROM ${from} JOIN communities c ON c.code = t.community_code ${where}
           ORDER BY ${indexed ? 's.rowid' : 't.id'} DESC LIMIT ? OFFSET ?`,
        )
        .all(...params, filter.limit, filter.offset);
      return { items, total };
    },
  };
}

export type FeedbackRepository = ReturnType<typeof feedbackRepository>;
