import { CHANNELS, type InterviewRecord, type SurveyResponse } from '@jiuting/questionnaire';
import type { Db } from '../db/open.ts';
import type { InterviewRow, ResponseDetailRow } from '../exports/index.ts';

interface CollectedBy {
  source: string;
  username: string | null;
  exportedBy: string | null;
}

/**
 * Who collected it, as the office reads it: the username of the row's user, the one attribution
 * coverage and review read too (for a file loaded by a coordinator, that is the canvasser the
 * file names); for a resident's own QR answer, 扫码.
 */
function collectorOf(row: CollectedBy): string {
  if (row.source === 'qr') return CHANNELS.qr;
  return row.username ?? row.exportedBy ?? CHANNELS.qr;
}

// The export's records: counted responses (a household's first valid one) and valid interviews,
// the same sets coverage counts, in arrival order.
export function reportsRepository(db: Db) {
  // No joins: 27 community names and a few hundred usernames are looked up in JS, which takes
  // a fifth off reading a year's 100,000 rows (the export's largest part with parsing them);
  // raw arrays rather than an object per row, for the same reason.
  const responses = db
    .prepare<
      [number],
      [
        id: string,
        communityCode: string,
        householdKey: string,
        receivedAt: string,
        content: string,
        source: string,
        userId: string | null,
        exportedBy: string | null,
      ]
    >(
      `SELECT id, community_code, household_key, received_at, content, source, user_id,
         exported_by
       FROM responses
       WHERE counted = 1 AND invalidated_at IS NULL AND assessment_year = ?
       ORDER BY community_code, seq`,
    )
    .raw();
  const communityNames = db
    .prepare<[], [code: string, name: string]>('SELECT code, name FROM communities')
    .raw();
  const usernames = db
    .prepare<[], [id: string, username: string]>('SELECT id, username FROM users')
    .raw();
  const interviews = db.prepare<
    [number],
    CollectedBy & { communityName: string; receivedAt: string; content: string }
  >(
    `SELECT c.name AS communityName, i.received_at AS receivedAt, i.content,
       i.source, u.username, i.exported_by AS exportedBy
     FROM interviews i JOIN communities c ON c.code = i.community_code
     LEFT JOIN users u ON u.id = i.user_id
     WHERE i.invalidated_at IS NULL AND i.assessment_year = ?
     ORDER BY i.community_code, i.seq`,
  );

  const countResponses = db
    .prepare<[number], number>(
      `SELECT count(*) FROM responses
       WHERE counted = 1 AND invalidated_at IS NULL AND assessment_year = ?`,
    )
    .pluck();
  /** Reads one pass's rows as the office reads them (names looked up once per pass). */
  function* detailRows(year: number): Generator<ResponseDetailRow> {
    const names = new Map(communityNames.all());
    const users = new Map(usernames.all());
    for (const [
      id,
      communityCode,
      householdKey,
      receivedAt,
      content,
      source,
      userId,
      exportedBy,
    ] of responses.iterate(year)) {
      // The join was inner: a response of a community not in the table is not exported.
      const communityName = names.get(communityCode);
      if (communityName === undefined) continue;
      // content is the canonical JSON the schema accepted on the way in.
      const item = JSON.parse(content) as SurveyResponse;
      yield {
        id,
        communityCode,
        communityName,
        householdKey,
        channel: item.channel,
        collectedAt: item.collectedAt,
        receivedAt,
        collector: collectorOf({
          source,
          username: (userId === null ? undefined : users.get(userId)) ?? null,
          exportedBy,
        }),
        questionnaireVersion: item.questionnaireVersion,
        answers: item.answers,
      };
    }
  }

  return {
    countedResponses(year: number): ResponseDetailRow[] {
      return [...detailRows(year)];
    },
    /**
     * The same rows, read one at a time each time it is iterated: an export of a year's 100,000
     * responses holds one in memory, not all of them. Iterate it inside one read transaction so
     * every pass sees the same moment; the connection serves nothing else while a pass runs.
     */
    countedResponsesStream(year: number): Iterable<ResponseDetailRow> {
      return { [Symbol.iterator]: () => detailRows(year) };
    },
    countCountedResponses: (year: number): number => countResponses.get(year) as number,
    validInterviews(year: number): InterviewRow[] {
      return interviews.all(year).map((row) => {
        const item = JSON.parse(row.content) as InterviewRecord;
        return {
          id: item.id,
          communityCode: item.communityCode,
          communityName: row.communityName,
          group: item.group,
          method: item.method,
          date: item.date,
          view: item.view,
          needs: item.needs ?? null,
          problems: item.problems ?? null,
          notes: item.notes ?? null,
          collector: collectorOf(row),
          receivedAt: row.receivedAt,
        };
      });
    },
  };
}

export type ReportsRepository = ReturnType<typeof reportsRepository>;
