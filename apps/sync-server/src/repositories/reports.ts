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
  const responses = db.prepare<
    [number],
    CollectedBy & {
      id: string;
      communityCode: string;
      communityName: string;
      householdKey: string;
      receivedAt: string;
      content: string;
    }
  >(
    `SELECT r.id, r.community_code AS communityCode, c.name AS communityName,
       r.household_key AS householdKey, r.received_at AS receivedAt, r.content,
       r.source, u.username, r.exported_by AS exportedBy
     FROM responses r JOIN communities c ON c.code = r.community_code
     LEFT JOIN users u ON u.id = r.user_id
     WHERE r.counted = 1 AND r.invalidated_at IS NULL AND r.assessment_year = ?
     ORDER BY r.community_code, r.seq`,
  );
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
  const detailOf = (row: ReturnType<typeof responses.get> & object): ResponseDetailRow => {
    // content is the canonical JSON the schema accepted on the way in.
    const item = JSON.parse(row.content) as SurveyResponse;
    return {
      id: row.id,
      communityCode: row.communityCode,
      communityName: row.communityName,
      householdKey: row.householdKey,
      channel: item.channel,
      collectedAt: item.collectedAt,
      receivedAt: row.receivedAt,
      collector: collectorOf(row),
      questionnaireVersion: item.questionnaireVersion,
      answers: item.answers,
    };
  };

  return {
    countedResponses(year: number): ResponseDetailRow[] {
      return responses.all(year).map(detailOf);
    },
    /**
     * The same rows, read one at a time each time it is iterated: an export of a year's 100,000
     * responses holds one in memory, not all of them. Iterate it inside one read transaction so
     * every pass sees the same moment; the connection serves nothing else while a pass runs.
     */
    countedResponsesStream(year: number): Iterable<ResponseDetailRow> {
      return {
        *[Symbol.iterator]() {
          for (const row of responses.iterate(year)) yield detailOf(row);
        },
      };
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
