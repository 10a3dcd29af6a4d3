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
  communityCode: string;
  householdKey: string;
  outcome: string;
  collectedAt: string;
  receivedAt: string;
  userId: string | null;
  sampleList: 'sample' | 'reserve' | null;
}

// The latest visit of each household: by collection time (phones send late, and with any UTC
// offset, so times are compared as instants, not as text), then by arrival.
const RANKED_VISITS = `SELECT community_code, household_key, outcome, collected_at,
    row_number() OVER (PARTITION BY community_code, household_key
                       ORDER BY julianday(collected_at) DESC, seq DESC) AS recency
  FROM visits`;

export function visitsRepository(db: Db) {
  const registerRows = db.prepare<[string], RegisterRow>(
    `SELECT household_key AS key, area, road, lane, building, unit, room, status
     FROM register_households WHERE community_code = ?`,
  );
  const countedOf = db
    .prepare<[string], [string, string, string]>(
      `SELECT household_key, channel, collected_at FROM responses
       WHERE community_code = ? AND counted = 1`,
    )
    .raw(true);
  const latestVisitsOf = db
    .prepare<[string], [string, string, string]>(
      `SELECT household_key, outcome, collected_at FROM (${RANKED_VISITS} WHERE community_code = ?)
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
  const counts = db.prepare<[], Omit<VisitCounts, 'revisit'>>(
    `SELECT community_code AS code, sum(outcome = 'not_home') AS notHome,
       sum(outcome = 'refused') AS refused, sum(outcome = 'vacant') AS vacant
     FROM visits GROUP BY community_code`,
  );
  // One pass over the visits, not one per community.
  const revisits = db
    .prepare<[], [string, number]>(
      `SELECT l.community_code, count(*) FROM (${RANKED_VISITS}) l
       WHERE l.recency = 1 AND l.outcome = 'not_home'
         AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.community_code = l.community_code
                         AND r.household_key = l.household_key AND r.counted = 1)
       GROUP BY l.community_code`,
    )
    .raw(true);
  const collectorCounts = db.prepare<[], CollectorVisitCounts>(
    `SELECT user_id AS userId, sum(outcome = 'not_home') AS notHome,
       sum(outcome = 'refused') AS refused, sum(outcome = 'vacant') AS vacant
     FROM visits WHERE user_id IS NOT NULL GROUP BY user_id`,
  );
  const sampleCoverage = db.prepare<[], SampleCoverage>(
    `SELECT c.community_code AS code, c.seed, c.drawn_at AS drawnAt, c.size,
       c.reserve_size AS reserveSize,
       count(r.id) FILTER (WHERE s.list = 'sample') AS countedSample,
       count(r.id) FILTER (WHERE s.list = 'reserve') AS countedReserve
     FROM community_samples c
     LEFT JOIN sample_households s ON s.community_code = c.community_code
     LEFT JOIN register_households h ON h.community_code = s.community_code
       AND h.household_key = s.household_key AND h.status = '居住'
     LEFT JOIN responses r ON r.community_code = h.community_code
       AND r.household_key = h.household_key AND r.counted = 1
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
  let cached: {
    version: string;
    counts: VisitCounts[];
    collectors: CollectorVisitCounts[];
    samples: SampleCoverage[];
  } | null = null;
  function figures() {
    const now = version.get() as string;
    if (cached?.version !== now) {
      const revisit = new Map(revisits.all());
      cached = {
        version: now,
        counts: counts.all().map((c) => ({ ...c, revisit: revisit.get(c.code) ?? 0 })),
        collectors: collectorCounts.all(),
        samples: sampleCoverage.all(),
      };
    }
    return cached;
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
  const exportLines = db.prepare<[], VisitExportLine>(
    `SELECT v.community_code AS communityCode, v.household_key AS householdKey, v.outcome,
            v.collected_at AS collectedAt, v.received_at AS receivedAt, v.user_id AS userId,
            s.list AS sampleList
     FROM visits v LEFT JOIN sample_households s ON s.community_code = v.community_code
       AND s.household_key = v.household_key
     ORDER BY v.community_code, v.collected_at, v.seq`,
  );

  return {
    /** The community's register households, in no particular order (the caller sorts). */
    registerRows: (code: string) => registerRows.all(code),
    /** key → [channel, collectedAt] of each household's counted response. */
    countedResponses(code: string): Map<string, { channel: string; collectedAt: string }> {
      return new Map(
        countedOf.all(code).map(([key, channel, collectedAt]) => [key, { channel, collectedAt }]),
      );
    },
    /** key → the household's latest visit outcome and its time. */
    latestVisits(code: string): Map<string, { outcome: string; collectedAt: string }> {
      return new Map(
        latestVisitsOf
          .all(code)
          .map(([key, outcome, collectedAt]) => [key, { outcome, collectedAt }]),
      );
    },
    sample: (code: string) => sampleOf.get(code),
    sampleEntries: (code: string) => sampleEntries.all(code),
    /** Visits by outcome per community, and the 回访 figure. */
    counts: (): VisitCounts[] => figures().counts,
    /** Visits by outcome per collector. */
    collectorCounts: (): CollectorVisitCounts[] => figures().collectors,
    /** Each drawn sample with how many of its households are counted. */
    sampleCoverage: (): SampleCoverage[] => figures().samples,
    exportLines: () => exportLines.all(),
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
