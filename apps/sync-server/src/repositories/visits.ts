import type { Db } from '../db/open.ts';

export type VisitState =
  | 'unvisited'
  | 'counted'
  | 'resident_qr'
  | 'not_home'
  | 'refused'
  | 'vacant';

export interface RegisterRow {
  key: string;
  area: string;
  road: string;
  lane: string;
  building: string;
  unit: string;
  room: string;
  status: '居住' | '空置' | '非住宅';
}

export interface CommunitySample {
  seed: number;
  drawnAt: string;
  drawnBy: string | null;
  frame: number;
  size: number;
  reserveSize: number;
}

export interface SampleEntry {
  key: string;
  list: 'sample' | 'reserve';
  rank: number;
}

export interface VisitCounts {
  code: string;
  notHome: number;
  refused: number;
  vacant: number;
  /** Households whose latest outcome is 不在家 and that have no counted response: 回访. */
  revisit: number;
}

export interface SampleCoverage {
  code: string;
  seed: number;
  drawnAt: string;
  size: number;
  reserveSize: number;
  /** Counted 居住 households of the register that are on the sample list. */
  countedSample: number;
  /** … and on the reserve list. */
  countedReserve: number;
}

export interface CollectorVisitCounts {
  userId: string;
  notHome: number;
  refused: number;
  vacant: number;
}

export interface VisitExportLine {
  id: string;
  communityCode: string;
  communityName: string;
  householdKey: string;
  outcome: string;
  sampleList: 'sample' | 'reserve' | null;
  /** The collector's username ('' for an account since removed). */
  collector: string;
  collectedAt: string;
  receivedAt: string;
}

// The latest visit of each household in one assessment year: by collection time (phones send
// late, and with any UTC offset, so times are compared as instants, not as text), then by
// arrival. A door found 不在家 last December says nothing about this year's round.
const rankedVisits = (
  where: string,
) => `SELECT community_code, household_key, outcome, collected_at,
    row_number() OVER (PARTITION BY community_code, household_key
                       ORDER BY julianday(collected_at) DESC, seq DESC) AS recency
  FROM visits WHERE ${where}`;

export function visitsRepository(db: Db) {
  const registerRows = db.prepare<[string], RegisterRow>(
    `SELECT household_key AS key, area, road, lane, building, unit, room, status
     FROM register_households WHERE community_code = ?`,
  );
  const countedOf = db
    .prepare<[string, number], [string, string, string]>(
      `SELECT household_key, channel, collected_at FROM responses
       WHERE community_code = ? AND assessment_year = ? AND counted = 1`,
    )
    .raw(true);
  const latestVisitsOf = db
    .prepare<[string, number], [string, string, string]>(
      `SELECT household_key, outcome, collected_at
       FROM (${rankedVisits('community_code = ? AND assessment_year = ?')})
       WHERE recency = 1`,
    )
    .raw(true);
  const sampleOf = db.prepare<[string], CommunitySample>(
    `SELECT seed, drawn_at AS drawnAt, drawn_by AS drawnBy, frame, size,
            reserve_size AS reserveSize
     FROM community_samples WHERE community_code = ?`,
  );
  const sampleEntries = db.prepare<[string], SampleEntry>(
    `SELECT household_key AS key, list, rank FROM sample_households WHERE community_code = ?`,
  );
  const counts = db.prepare<[number], Omit<VisitCounts, 'revisit'>>(
    `SELECT community_code AS code, sum(outcome = 'not_home') AS notHome,
       sum(outcome = 'refused') AS refused, sum(outcome = 'vacant') AS vacant
     FROM visits WHERE assessment_year = ? GROUP BY community_code`,
  );
  // One pass over the year's visits, not one per community.
  const revisits = db
    .prepare<{ year: number }, [string, number]>(
      `SELECT l.community_code, count(*) FROM (${rankedVisits('assessment_year = @year')}) l
       WHERE l.recency = 1 AND l.outcome = 'not_home'
         AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.community_code = l.community_code
                         AND r.household_key = l.household_key AND r.counted = 1
                         AND r.assessment_year = @year)
       GROUP BY l.community_code`,
    )
    .raw(true);
  const collectorCounts = db.prepare<[number], CollectorVisitCounts>(
    `SELECT user_id AS userId, sum(outcome = 'not_home') AS notHome,
       sum(outcome = 'refused') AS refused, sum(outcome = 'vacant') AS vacant
     FROM visits WHERE user_id IS NOT NULL AND assessment_year = ? GROUP BY user_id`,
  );
  const sampleCoverage = db.prepare<[number], SampleCoverage>(
    `SELECT c.community_code AS code, c.seed, c.drawn_at AS drawnAt, c.size,
       c.reserve_size AS reserveSize,
       count(r.id) FILTER (WHERE s.list = 'sample') AS countedSample,
       count(r.id) FILTER (WHERE s.list = 'reserve') AS countedReserve
     FROM community_samples c
     LEFT JOIN sample_households s ON s.community_code = c.community_code
     LEFT JOIN register_households h ON h.community_code = s.community_code
       AND h.household_key = s.household_key AND h.status = '居住'
     LEFT JOIN responses r ON r.community_code = h.community_code
       AND r.household_key = h.household_key AND r.counted = 1 AND r.assessment_year = ?
     GROUP BY c.community_code`,
  );
  // The dashboard polls: the figures are kept until a visit, a response's count or an audited
  // change (a review, a register import, a draw) can have changed them.
  const version = db
    .prepare<[], string>(
      `SELECT (SELECT coalesce(max(seq), 0) FROM visits)
        || ':' || (SELECT coalesce(sum(responses), 0) || ':' || coalesce(sum(counted), 0)
                   FROM coverage_daily)
        || ':' || (SELECT coalesce(max(id), 0) FROM audit)`,
    )
    .pluck();
  interface Figures {
    counts: VisitCounts[];
    collectors: CollectorVisitCounts[];
    samples: SampleCoverage[];
  }
  // One entry per year asked for, all dropped together when anything changes.
  let cachedVersion: string | null = null;
  const cached = new Map<number, Figures>();
  function figures(year: number): Figures {
    const now = version.get() as string;
    if (cachedVersion !== now) {
      cached.clear();
      cachedVersion = now;
    }
    let found = cached.get(year);
    if (!found) {
      const revisit = new Map(revisits.all({ year }));
      found = {
        counts: counts.all(year).map((c) => ({ ...c, revisit: revisit.get(c.code) ?? 0 })),
        collectors: collectorCounts.all(year),
        samples: sampleCoverage.all(year),
      };
      cached.set(year, found);
    }
    return found;
  }
  const deleteSample = db.prepare('DELETE FROM community_samples WHERE community_code = ?');
  const insertSample = db.prepare(
    `INSERT INTO community_samples (community_code, seed, drawn_at, drawn_by, frame, size,
       reserve_size) VALUES (@code, @seed, @drawnAt, @drawnBy, @frame, @size, @reserveSize)`,
  );
  const insertSampleHousehold = db.prepare(
    `INSERT INTO sample_households (community_code, household_key, list, rank)
     VALUES (?, ?, ?, ?)`,
  );
  const exportLines = db.prepare<[number], VisitExportLine>(
    `SELECT v.id, v.community_code AS communityCode, c.name AS communityName,
            v.household_key AS householdKey, v.outcome, s.list AS sampleList,
            coalesce(u.username, '') AS collector, v.collected_at AS collectedAt,
            v.received_at AS receivedAt
     FROM visits v JOIN communities c ON c.code = v.community_code
     LEFT JOIN users u ON u.id = v.user_id
     LEFT JOIN sample_households s ON s.community_code = v.community_code
       AND s.household_key = v.household_key
     WHERE v.assessment_year = ?
     ORDER BY v.community_code, v.household_key, julianday(v.collected_at), v.seq`,
  );

  return {
    /** The community's register households, in no particular order (the caller sorts). */
    registerRows: (code: string) => registerRows.all(code),
    /** key → [channel, collectedAt] of each household's counted response in the year. */
    countedResponses(
      code: string,
      year: number,
    ): Map<string, { channel: string; collectedAt: string }> {
      return new Map(
        countedOf
          .all(code, year)
          .map(([key, channel, collectedAt]) => [key, { channel, collectedAt }]),
      );
    },
    /** key → the household's latest visit outcome in the year and its time. */
    latestVisits(
      code: string,
      year: number,
    ): Map<string, { outcome: string; collectedAt: string }> {
      return new Map(
        latestVisitsOf
          .all(code, year)
          .map(([key, outcome, collectedAt]) => [key, { outcome, collectedAt }]),
      );
    },
    sample: (code: string) => sampleOf.get(code),
    sampleEntries: (code: string) => sampleEntries.all(code),
    /** The year's visits by outcome per community, and the 回访 figure. */
    counts: (year: number): VisitCounts[] => figures(year).counts,
    /** The year's visits by outcome per collector. */
    collectorCounts: (year: number): CollectorVisitCounts[] => figures(year).collectors,
    /** Each drawn sample with how many of its households are counted in the year. */
    sampleCoverage: (year: number): SampleCoverage[] => figures(year).samples,
    /** The year's visit outcomes, for the export's 走访记录, by community and household. */
    exportLines: (year: number) => exportLines.all(year),
    /**
     * Stores a draw as the community's sample, replacing any earlier one (its households go with
     * it, by the cascade). The caller's transaction, with its audit row.
     */
    replaceSample(
      code: string,
      sample: CommunitySample,
      lists: { sample: readonly string[]; reserve: readonly string[] },
    ): void {
      deleteSample.run(code);
      insertSample.run({ code, ...sample });
      lists.sample.forEach((key, i) => {
        insertSampleHousehold.run(code, key, 'sample', i + 1);
      });
      lists.reserve.forEach((key, i) => {
        insertSampleHousehold.run(code, key, 'reserve', i + 1);
      });
    },
  };
}

export type VisitsRepository = ReturnType<typeof visitsRepository>;
