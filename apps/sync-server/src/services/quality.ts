import {
  communitySignals,
  fillSeconds,
  RESPONSE_FLAGS,
  type ResponseFlag,
  responseFlags,
} from '@jiuting/questionnaire';
import type { QualityResponse } from '../repositories/quality.ts';

// The quality view: the questionnaire package's signals over a year's responses, summed per
// community and per collector, and the flagged responses themselves. Reads only; nothing here
// is written back, so no signal changes a count or a score.

export type FlagCounts = Record<ResponseFlag, number>;

export interface FlaggedResponse {
  id: string;
  communityCode: string;
  communityName: string;
  collector: string | null;
  collectorId: string | null;
  channel: string;
  householdKey: string;
  collectedAt: string;
  fillSeconds: number | null;
  answerChanges: number | null;
  score: number;
  counted: boolean;
  invalid: boolean;
  flags: ResponseFlag[];
}

export interface QualityFilter {
  community?: string | undefined;
  /** A collector's account id. */
  collector?: string | undefined;
  flag?: ResponseFlag | undefined;
}

const noFlags = (): FlagCounts =>
  Object.fromEntries(RESPONSE_FLAGS.map((f) => [f, 0])) as FlagCounts;

interface Tally {
  responses: number;
  flagged: number;
  flags: FlagCounts;
}

function tally(into: Tally, flags: readonly ResponseFlag[] | undefined): void {
  into.responses += 1;
  if (!flags) return;
  into.flagged += 1;
  for (const f of flags) into.flags[f] += 1;
}

/** A flagged response as the report lists it. */
export function flaggedResponse(row: QualityResponse, flags: ResponseFlag[]): FlaggedResponse {
  return {
    id: row.id,
    communityCode: row.communityCode,
    communityName: row.communityName,
    collector: row.collectorName,
    collectorId: row.collectorId,
    channel: row.channel,
    householdKey: row.householdKey,
    collectedAt: row.collectedAt,
    fillSeconds: fillSeconds(row),
    answerChanges: row.answerChanges,
    score: row.score,
    counted: row.counted,
    invalid: row.invalid,
    flags,
  };
}

/** The flagged list's order: newest first; ties by id, so it does not depend on read order. */
export function newestFirst(a: FlaggedResponse, b: FlaggedResponse): number {
  if (a.collectedAt !== b.collectedAt) return a.collectedAt < b.collectedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * `kept`: the rows' flags and every flagged response in list order, when kept already
 * (services/kept-flags.ts); computed from the rows otherwise.
 */
export function qualityReport(
  rows: readonly QualityResponse[],
  filter: QualityFilter,
  kept?: {
    flags: ReadonlyMap<string, ResponseFlag[]>;
    flagged: readonly FlaggedResponse[];
  },
) {
  const flags = kept?.flags ?? responseFlags(rows);
  const signals = new Map(communitySignals(rows).map((s) => [s.communityCode, s]));

  const communities = new Map<string, Tally & { code: string; name: string }>();
  const collectors = new Map<string, Tally & { userId: string; name: string | null }>();
  const flagged: FlaggedResponse[] = [];
  for (const row of rows) {
    const mine = flags.get(row.id);
    let community = communities.get(row.communityCode);
    if (!community) {
      community = {
        code: row.communityCode,
        name: row.communityName,
        responses: 0,
        flagged: 0,
        flags: noFlags(),
      };
      communities.set(row.communityCode, community);
    }
    tally(community, mine);
    if (filter.community !== undefined && row.communityCode !== filter.community) continue;
    if (row.collectorId !== null) {
      let collector = collectors.get(row.collectorId);
      if (!collector) {
        collector = {
          userId: row.collectorId,
          name: row.collectorName,
          responses: 0,
          flagged: 0,
          flags: noFlags(),
        };
        collectors.set(row.collectorId, collector);
      }
      tally(collector, mine);
    }
    if (!mine || kept) continue;
    if (filter.collector !== undefined && row.collectorId !== filter.collector) continue;
    if (filter.flag !== undefined && !mine.includes(filter.flag)) continue;
    flagged.push(flaggedResponse(row, mine));
  }
  if (kept) {
    for (const f of kept.flagged) {
      if (filter.community !== undefined && f.communityCode !== filter.community) continue;
      if (filter.collector !== undefined && f.collectorId !== filter.collector) continue;
      if (filter.flag !== undefined && !f.flags.includes(filter.flag)) continue;
      flagged.push(f);
    }
  } else flagged.sort(newestFirst);
  return {
    communities: [...communities.values()]
      .map((c) => {
        const s = signals.get(c.code);
        return {
          ...c,
          doorCount: s?.doorCount ?? 0,
          qrCount: s?.qrCount ?? 0,
          doorMean: s?.doorMean ?? null,
          qrMean: s?.qrMean ?? null,
          doorAboveQr: s?.doorAboveQr ?? false,
        };
      })
      .sort((a, b) => a.code.localeCompare(b.code)),
    collectors: [...collectors.values()].sort(
      (a, b) => b.flagged - a.flagged || a.userId.localeCompare(b.userId),
    ),
    flagged,
  };
}

/** The ids flagged with `flag` (any flag when undefined), for the review list's filter. */
export function flaggedIds(
  rows: readonly QualityResponse[],
  flag: ResponseFlag | undefined,
): string[] {
  const ids: string[] = [];
  for (const [id, flags] of responseFlags(rows))
    if (flag === undefined || flags.includes(flag)) ids.push(id);
  return ids;
}
