import { AREA_SEPARATOR } from '@jiuting/questionnaire';
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
 * The line a survey's householdAddress takes for a register household: its parts as the form
 * composes them (`area·` road, the building — which already carries 组 and 弄 —, 单元, 室).
 * Register rows hold the parts of a parsed, canonical address (registerHouseholdOf), so the line
 * reads back as the row's key; plain concatenation, because parsing 3,000 lines to check it
 * took most of the request (the tests check it instead).
 */
export function registerAddress(row: RegisterRow): string {
  return `${row.area}${AREA_SEPARATOR}${row.road}${row.building}${row.unit ? `${row.unit}单元` : ''}${row.room ? `${row.room}室` : ''}`;
}

function laterOf(a: string | undefined, b: string | undefined): string | null {
  if (a === undefined) return b ?? null;
  if (b === undefined) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Each distinct value's place in the locale's numeric order (2号 before 10号). */
function orderOf(values: Iterable<string>): Map<string, number> {
  return new Map([...new Set(values)].sort(collator.compare).map((v, i) => [v, i]));
}

/**
 * Each register household with its state: counted by a collector, answered by a resident's QR
 * (counted), else its latest visit outcome, else unvisited. Sampled households first (the sample
 * by rank, then the reserve by rank), then the rest in address order. Built field by field: the
 * route answers it with JSON.stringify, so nothing but these fields may be in it.
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
      key: row.key,
      area: row.area,
      road: row.road,
      lane: row.lane,
      building: row.building,
      unit: row.unit,
      room: row.room,
      address: registerAddress(row),
      status: row.status,
      state,
      lastVisitAt: laterOf(counted?.collectedAt, visit?.collectedAt),
      sample: entry ? { list: entry.list, rank: entry.rank } : null,
    };
  });
  // The collator is slow per call: each distinct value is placed once, then compared as numbers
  // (3,000 households sorted with four collator calls a comparison took a tenth of a second).
  const area = orderOf(households.map((h) => h.area));
  const building = orderOf(households.map((h) => h.building));
  const unit = orderOf(households.map((h) => h.unit));
  const room = orderOf(households.map((h) => h.room));
  const place = (order: Map<string, number>, value: string) => order.get(value) ?? 0;
  const group = (h: VisitListHousehold) =>
    h.sample === null ? 2 : h.sample.list === 'sample' ? 0 : 1;
  return households.sort(
    (a, b) =>
      group(a) - group(b) ||
      (a.sample && b.sample ? a.sample.rank - b.sample.rank : 0) ||
      place(area, a.area) - place(area, b.area) ||
      place(building, a.building) - place(building, b.building) ||
      place(unit, a.unit) - place(unit, b.unit) ||
      place(room, a.room) - place(room, b.room),
  );
}

export type { CommunitySample };
