import { composeHouseholdAddress, householdKey } from '@jiuting/questionnaire';
import type {
  CommunitySample,
  RegisterRow,
  SampleEntry,
  VisitState,
} from '../repositories/visits.ts';

export interface VisitListHousehold {
  key: string;
  area: string;
  road: string;
  lane: string;
  building: string;
  unit: string;
  room: string;
  address: string;
  status: RegisterRow['status'];
  state: VisitState;
  lastVisitAt: string | null;
  sample: { list: 'sample' | 'reserve'; rank: number } | null;
}

export interface VisitListInput {
  rows: readonly RegisterRow[];
  counted: ReadonlyMap<string, { channel: string; collectedAt: string }>;
  latestVisits: ReadonlyMap<string, { outcome: string; collectedAt: string }>;
  sampleEntries: readonly SampleEntry[];
}

// Numbers in addresses sort as numbers (2号 before 10号); areas by the locale's order.
const collator = new Intl.Collator('zh-CN', { numeric: true });

/**
 * The line a survey's householdAddress takes for a register household: its parts composed as
 * the form composes them (the register's building already carries 组 and 弄), or the key itself
 * (which reads back as itself) should the composed line ever read as another household.
 */
export function registerAddress(row: RegisterRow): string {
  const composed = composeHouseholdAddress({
    area: row.area,
    road: row.road,
    building: row.building,
    unit: row.unit,
    room: row.room,
  });
  return householdKey(composed) === row.key ? composed : row.key;
}

function laterOf(a: string | undefined, b: string | undefined): string | null {
  if (a === undefined) return b ?? null;
  if (b === undefined) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * Each register household with its state: counted by a collector, answered by a resident's QR
 * (counted), else its latest visit outcome, else unvisited. Sampled households first (the sample
 * by rank, then the reserve by rank), then the rest in address order.
 */
export function visitListHouseholds(input: VisitListInput): VisitListHousehold[] {
  const sampled = new Map(input.sampleEntries.map((e) => [e.key, e]));
  const households = input.rows.map((row): VisitListHousehold => {
    const counted = input.counted.get(row.key);
    const visit = input.latestVisits.get(row.key);
    const state: VisitState = counted
      ? counted.channel === 'qr'
        ? 'resident_qr'
        : 'counted'
      : ((visit?.outcome as VisitState | undefined) ?? 'unvisited');
    const entry = sampled.get(row.key);
    return {
      ...row,
      address: registerAddress(row),
      state,
      lastVisitAt: laterOf(counted?.collectedAt, visit?.collectedAt),
      sample: entry ? { list: entry.list, rank: entry.rank } : null,
    };
  });
  const group = (h: VisitListHousehold) =>
    h.sample === null ? 2 : h.sample.list === 'sample' ? 0 : 1;
  return households.sort(
    (a, b) =>
      group(a) - group(b) ||
      (a.sample && b.sample ? a.sample.rank - b.sample.rank : 0) ||
      collator.compare(a.area, b.area) ||
      collator.compare(a.building, b.building) ||
      collator.compare(a.unit, b.unit) ||
      collator.compare(a.room, b.room),
  );
}

export type { CommunitySample };
