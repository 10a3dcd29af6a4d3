import type { Db } from '../db/open.ts';

export interface ResponseTotals {
  code: string;
  responses: number;
  counted: number;
  scoreSum: number;
  lastReceivedAt: string | null;
}

export interface InterviewCount {
  code: string;
  group: string;
  view: string;
  count: number;
  lastReceivedAt: string | null;
}

export interface FieldProgress {
  code: string;
  today: number;
  mine: number;
}

export interface CollectorDay {
  userId: string;
  day: string;
  responses: number;
  households: number;
  interviews: number;
}

// Only valid (not invalidated) items count anywhere. Responses are read from coverage_daily,
// the summary that triggers keep in step with the responses table (migration 004).
export function coverageRepository(db: Db) {
  const responses = db.prepare<[number], ResponseTotals>(
    `SELECT community_code AS code, sum(responses) AS responses, sum(counted) AS counted,
            sum(score_sum) AS scoreSum, max(last_received_at) AS lastReceivedAt
     FROM coverage_daily WHERE assessment_year = ?
     GROUP BY community_code HAVING sum(responses) > 0`,
  );
  const interviews = db.prepare<[number], InterviewCount>(
    `SELECT community_code AS code, interview_group AS "group", view, count(*) AS count,
            max(received_at) AS lastReceivedAt
     FROM interviews WHERE invalidated_at IS NULL AND assessment_year = ?
     GROUP BY community_code, interview_group, view`,
  );
  // Rows as arrays: building thousands of row objects was most of this query's time.
  const collectorResponses = db
    .prepare<[number], [string, string, number, number]>(
      `SELECT user_key, day, sum(responses), sum(counted)
       FROM coverage_daily WHERE assessment_year = ? AND user_key <> ''
       GROUP BY user_key, day HAVING sum(responses) > 0`,
    )
    .raw(true);
  const collectorInterviews = db.prepare<
    [number],
    { userId: string; day: string; interviews: number }
  >(
    `SELECT user_id AS userId, interview_date AS day, count(*) AS interviews
     FROM interviews WHERE invalidated_at IS NULL AND user_id IS NOT NULL AND assessment_year = ?
     GROUP BY user_id, interview_date`,
  );

  const fieldProgress = db.prepare<[string, string, number], FieldProgress>(
    `SELECT community_code AS code,
            coalesce(sum(CASE WHEN day = ? THEN counted END), 0) AS today,
            coalesce(sum(CASE WHEN user_key = ? THEN counted END), 0) AS mine
     FROM coverage_daily WHERE assessment_year = ? GROUP BY community_code`,
  );

  // Every figure is one assessment year's: a household counts once in each year.
  return {
    responseTotals: (year: number) => responses.all(year),
    /** Per community: households counted on `day` (by anyone) and by `userId`, in `year`. */
    fieldProgress: (year: number, day: string, userId: string) =>
      fieldProgress.all(day, userId, year),
    interviewCounts: (year: number) => interviews.all(year),
    /** Per collector and day (Shanghai date of collection; an interview's own date). */
    collectorDays(year: number): CollectorDay[] {
      const byKey = new Map<string, CollectorDay>();
      for (const [userId, day, responses, households] of collectorResponses.all(year)) {
        byKey.set(`${userId}|${day}`, { userId, day, responses, households, interviews: 0 });
      }
      for (const i of collectorInterviews.all(year)) {
        const key = `${i.userId}|${i.day}`;
        const row = byKey.get(key) ?? {
          userId: i.userId,
          day: i.day,
          responses: 0,
          households: 0,
          interviews: 0,
        };
        row.interviews = i.interviews;
        byKey.set(key, row);
      }
      // Plain code-unit order: ids and ISO dates need no locale (and localeCompare is slow).
      const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      return [...byKey.values()].sort((a, b) =>
        a.userId === b.userId ? order(a.day, b.day) : order(a.userId, b.userId),
      );
    },
  };
}

export type CoverageRepository = ReturnType<typeof coverageRepository>;
