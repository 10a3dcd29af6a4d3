import type { Db } from '../db/open.ts';
import type { RegisterHousehold } from '../tables/register-file.ts';

export interface RegisterImportResult {
  households: number;
  added: number;
  updated: number;
  removed: number;
  /** Households no longer in the file that already have a response: kept and flagged. */
  keptWithResponses: number;
}

export interface RegisterTotals {
  code: string;
  /** Households in the register whose status is 居住: the denominator of coverage. */
  households: number;
  /** Of those, households with a counted response. */
  counted: number;
  /**
   * The scores of those counted responses: with a register, the mean score (and so the 30
   * points) is over the households that count for coverage, not over 册外 responses.
   */
  scoreSum: number;
  /** Valid responses whose address is not in the register, not yet reviewed (册外). */
  outside: number;
}

export interface OutsideResponse {
  id: string;
  householdKey: string;
  channel: string;
  collectedAt: string;
  receivedAt: string;
}

export interface RegisterCheckLine {
  communityCode: string;
  communityName: string;
  area: string | null;
  householdKey: string;
  status: '已计入' | '未访' | '册外';
  householdAddress: string | null;
  responseId: string | null;
}

export interface BuildingCoverage {
  area: string;
  building: string;
  households: number;
  counted: number;
}

// A response is 册外 when its community has a register and its key is not in it. Nothing is
// stored for that: adding the address to the register (it then counts) or marking the response
// invalid both end it, and a later re-import that lists the address ends it too.
const OUTSIDE = `r.invalidated_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM register_households h
                  WHERE h.community_code = r.community_code AND h.household_key = r.household_key)`;

export function registersRepository(db: Db) {
  const hasRegister = db
    .prepare<[string], number>('SELECT count(*) FROM household_registers WHERE community_code = ?')
    .pluck();
  const upsertRegister = db.prepare(
    `INSERT INTO household_registers (community_code, imported_at, imported_by) VALUES (?, ?, ?)
     ON CONFLICT (community_code) DO UPDATE SET imported_at = excluded.imported_at,
       imported_by = excluded.imported_by`,
  );
  const existingKeys = db
    .prepare<[string], string>(
      'SELECT household_key FROM register_households WHERE community_code = ?',
    )
    .pluck();
  const upsertHousehold = db.prepare(
    `INSERT INTO register_households (community_code, household_key, area, road, lane, building,
       unit, room, status, origin, missing_from_file_at, updated_at)
     VALUES (@code, @householdKey, @area, @road, @lane, @building, @unit, @room, @status, @origin,
       NULL, @at)
     ON CONFLICT (community_code, household_key) DO UPDATE SET area = excluded.area,
       road = excluded.road, lane = excluded.lane, building = excluded.building,
       unit = excluded.unit, room = excluded.room, status = excluded.status,
       missing_from_file_at = NULL, updated_at = excluded.updated_at`,
  );
  const hasResponses = db
    .prepare<[string, string], number>(
      'SELECT count(*) FROM responses WHERE community_code = ? AND household_key = ? LIMIT 1',
    )
    .pluck();
  const deleteHousehold = db.prepare(
    'DELETE FROM register_households WHERE community_code = ? AND household_key = ?',
  );
  const flagMissing = db.prepare(
    `UPDATE register_households SET missing_from_file_at = coalesce(missing_from_file_at, ?)
     WHERE community_code = ? AND household_key = ?`,
  );
  // Kept by triggers (migration 045) on every write to responses and registers, so a dashboard
  // poll reads 27 rows however many households and responses there are.
  // Per assessment year (migration 047): the register's households are one number, what the
  // year's responses add is the year's own.
  const totals = db.prepare<[number], RegisterTotals>(
    `SELECT s.community_code AS code, s.households, coalesce(y.counted, 0) AS counted,
            coalesce(y.score_sum, 0) AS scoreSum, coalesce(y.outside, 0) AS outside
     FROM register_summary s
     LEFT JOIN register_year_summary y
       ON y.community_code = s.community_code AND y.assessment_year = ?
     ORDER BY s.community_code`,
  );
  const outsideOf = db.prepare<[string, number], OutsideResponse>(
    `SELECT r.id, r.household_key AS householdKey, r.channel, r.collected_at AS collectedAt,
            r.received_at AS receivedAt
     FROM responses r
     WHERE r.community_code = ? AND r.assessment_year = ?
       AND EXISTS (SELECT 1 FROM household_registers g WHERE g.community_code = r.community_code)
       AND ${OUTSIDE}
     ORDER BY r.seq`,
  );
  // Responses stored before areas (未分区), valid: in a community without a register they are not
  // 册外 (there is nothing to be outside of), yet the coordinator still gives them their area.
  const unassignedOf = db.prepare<[string], OutsideResponse>(
    `SELECT r.id, r.household_key AS householdKey, r.channel, r.collected_at AS collectedAt,
            r.received_at AS receivedAt
     FROM responses r
     WHERE r.community_code = ? AND r.invalidated_at IS NULL AND r.household_area = '未分区'
     ORDER BY r.seq`,
  );
  // The areas a community's responses already name: without a register, the coordinator's
  // choices when assigning one (typing a new one stays possible).
  const answeredAreas = db
    .prepare<[string], string>(
      `SELECT DISTINCT household_area FROM responses
       WHERE community_code = ? AND invalidated_at IS NULL AND household_area <> '未分区'
       ORDER BY household_area`,
    )
    .pluck();
  const outsideCount = db
    .prepare<[string, number], number>(
      // Rows exist only while the community has a register (migration 047).
      `SELECT outside FROM register_year_summary
       WHERE community_code = ? AND assessment_year = ?`,
    )
    .pluck();
  const buildings = db.prepare<[number, string], BuildingCoverage>(
    `SELECT h.area, h.building, count(*) AS households,
            count(r.household_key) AS counted
     FROM register_households h
     LEFT JOIN responses r ON r.community_code = h.community_code
       AND r.household_key = h.household_key AND r.counted = 1 AND r.assessment_year = ?
     WHERE h.community_code = ? AND h.status = '居住'
     GROUP BY h.area, h.building ORDER BY h.area, h.building`,
  );
  // 户册核对: every 居住 household of every register with whether it counts in the year, then the
  // year's 册外 responses not yet reviewed with the address as typed, by community, area and key.
  const checkRows = db.prepare<{ year: number }, RegisterCheckLine>(
    `SELECT * FROM (
       SELECT h.community_code AS communityCode, c.name AS communityName, h.area,
              h.household_key AS householdKey,
              CASE WHEN EXISTS (SELECT 1 FROM responses r WHERE r.community_code = h.community_code
                                  AND r.household_key = h.household_key AND r.counted = 1
                                  AND r.assessment_year = @year)
                   THEN '已计入' ELSE '未访' END AS status,
              NULL AS householdAddress, NULL AS responseId
       FROM register_households h JOIN communities c ON c.code = h.community_code
       WHERE h.status = '居住'
       UNION ALL
       SELECT r.community_code, c.name, r.household_area, r.household_key, '册外',
              json_extract(r.content, '$.householdAddress'), r.id
       FROM responses r JOIN communities c ON c.code = r.community_code
       WHERE r.assessment_year = @year
         AND EXISTS (SELECT 1 FROM household_registers g WHERE g.community_code = r.community_code)
         AND ${OUTSIDE})
     ORDER BY communityCode, status = '册外', area, householdKey`,
  );
  const areas = db.prepare<[], { code: string; area: string }>(
    `SELECT DISTINCT community_code AS code, area FROM register_households
     ORDER BY community_code, area`,
  );
  const responseOf = db.prepare<
    [string],
    {
      communityCode: string;
      householdKey: string;
      invalidatedAt: string | null;
      assessmentYear: number;
    }
  >(
    `SELECT community_code AS communityCode, household_key AS householdKey,
            invalidated_at AS invalidatedAt, assessment_year AS assessmentYear
     FROM responses WHERE id = ?`,
  );

  return {
    hasRegister(code: string): boolean {
      return hasRegister.get(code) === 1;
    },
    /**
     * Replaces a community's register with the file's households, in place: a household in
     * both keeps its row (updated), one only in the file is added, one only in the register is
     * removed — unless it has a response, then it is kept and flagged. The caller's transaction.
     */
    importRegister(
      code: string,
      households: readonly RegisterHousehold[],
      at: string,
      actorUserId: string | null,
    ): RegisterImportResult {
      upsertRegister.run(code, at, actorUserId);
      const before = new Set(existingKeys.all(code));
      let added = 0;
      let updated = 0;
      for (const h of households) {
        if (before.delete(h.householdKey)) updated += 1;
        else added += 1;
        upsertHousehold.run({ ...h, code, origin: 'file', at });
      }
      let removed = 0;
      let keptWithResponses = 0;
      for (const key of before) {
        if (hasResponses.get(code, key) === 1) {
          flagMissing.run(at, code, key);
          keptWithResponses += 1;
        } else {
          deleteHousehold.run(code, key);
          removed += 1;
        }
      }
      return { households: households.length, added, updated, removed, keptWithResponses };
    },
    /** Each register's figures for one assessment year (a household counts once a year). */
    totals(year: number): RegisterTotals[] {
      return totals.all(year);
    },
    /** 册外: the community's valid responses of the year whose address is not in its register. */
    outside(code: string, year: number): OutsideResponse[] {
      return outsideOf.all(code, year);
    },
    /** Valid 未分区 responses (keys stored before areas) of a community, oldest first. */
    unassigned(code: string): OutsideResponse[] {
      return unassignedOf.all(code);
    },
    /** The 小区/自然村 the community's valid responses name, 未分区 aside. */
    answeredAreas(code: string): string[] {
      return answeredAreas.all(code);
    },
    /** How many 册外 responses of the year a coordinator has still to review (0 without a register). */
    unreviewedOutsideCount(code: string, year: number): number {
      return outsideCount.get(code, year) ?? 0;
    },
    /** Each community's areas (小区/自然村) from its register; a community without one is absent. */
    areasByCommunity(): Map<string, string[]> {
      const byCode = new Map<string, string[]>();
      for (const { code, area } of areas.all()) {
        const list = byCode.get(code);
        if (list) list.push(area);
        else byCode.set(code, [area]);
      }
      return byCode;
    },
    /** The lines of the export's 户册核对 sheet for one year (communities without a register have none). */
    checkRows(year: number): RegisterCheckLine[] {
      return checkRows.all({ year });
    },
    /** The register's 居住 households by building, with how many count in the year. */
    buildings(code: string, year: number): BuildingCoverage[] {
      return buildings.all(year, code);
    },
    response(id: string) {
      return responseOf.get(id);
    },
    /** Adds a 册外 response's address to the register as 居住, so it counts. */
    addHousehold(code: string, household: RegisterHousehold, at: string): void {
      upsertHousehold.run({ ...household, code, origin: 'review', at });
    },
  };
}

export type RegistersRepository = ReturnType<typeof registersRepository>;
