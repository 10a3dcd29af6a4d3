import { type HouseholdAddress, parseHouseholdAddress } from '@jiuting/questionnaire';

// The visit list as the phone reads it: GET /api/communities/:code/visit-list (contract 11 §2)
// plus what this phone has queued or sent since. Pure functions only (no React, no Dexie), so the
// browse, search and next-room rules are tested on their own and stay fast for 3,000 households.

import type { ListedHousehold, ServerVisitState, VisitList } from '../api/visit-list-answer.ts';

export type { ListedHousehold, ServerVisitState, VisitList };

/** What the list shows: the server's state, or `unsent` for what this phone has not yet sent. */
export type VisitState = ServerVisitState | 'unsent';

export type VisitOutcomeId = 'not_home' | 'refused' | 'vacant';

export const STATE_LABELS: Readonly<Record<VisitState, string>> = {
  unvisited: '未访',
  counted: '已完成',
  resident_qr: '已答(扫码)',
  not_home: '不在家',
  refused: '拒访',
  vacant: '空置',
  unsent: '待上传',
};

/** States after which a canvasser does not knock again (回访 is for 不在家 only). */
const DONE: ReadonlySet<VisitState> = new Set([
  'counted',
  'resident_qr',
  'refused',
  'vacant',
  'unsent',
]);

/** States whose household already counts toward coverage: a new survey there is a repeat. */
const COUNTED: ReadonlySet<VisitState> = new Set(['counted', 'resident_qr']);

/**
 * What this phone did at one household, from its outbox: a survey or a visit outcome, not yet
 * sent (`unsent`) or sent (`synced`, with the time the server took it).
 */
export interface LocalMark {
  readonly key: string;
  readonly kind: 'survey' | 'visit';
  readonly outcome?: VisitOutcomeId;
  readonly sent: boolean;
  /** When it was queued (unsent) or synced (sent), ms since epoch. */
  readonly at: number;
  /** The server said this survey's household was already counted. */
  readonly repeat?: boolean;
}

/** The latest local mark per household key. */
export function latestMarks(marks: readonly LocalMark[]): Map<string, LocalMark> {
  const byKey = new Map<string, LocalMark>();
  for (const mark of marks) {
    const current = byKey.get(mark.key);
    // An unsent mark wins over a sent one: the canvasser must see that something waits.
    if (
      current === undefined ||
      (!mark.sent && current.sent) ||
      (mark.sent === current.sent && mark.at > current.at)
    ) {
      byKey.set(mark.key, mark);
    }
  }
  return byKey;
}

/**
 * A household's state as the canvasser should see it: 待上传 while this phone holds something
 * unsent for it; what this phone sent after the list was generated (the list does not know it
 * yet); otherwise the list's state. A visit outcome never hides a counted household.
 */
export function visitState(
  household: Pick<ListedHousehold, 'state'>,
  mark: LocalMark | undefined,
  generatedAtMs: number,
): VisitState {
  if (mark === undefined) return household.state;
  if (!mark.sent) return 'unsent';
  if (mark.at <= generatedAtMs || COUNTED.has(household.state)) return household.state;
  if (mark.kind === 'survey') return 'counted';
  return mark.outcome ?? household.state;
}

export function isCounted(state: VisitState): boolean {
  return COUNTED.has(state);
}

/** One household as a row of the list, its state settled. */
export interface VisitRow {
  readonly household: ListedHousehold;
  readonly state: VisitState;
}

export function visitRows(list: VisitList, marks: readonly LocalMark[]): VisitRow[] {
  const latest = latestMarks(marks);
  const generatedAtMs = Date.parse(list.generatedAt);
  return list.households.map((household) => ({
    household,
    state: visitState(household, latest.get(household.key), generatedAtMs),
  }));
}

// ── Browse: 小区 → 楼/号 → 单元 → 室 ─────────────────────────────────────────────────────────

function withMarker(text: string, marker: string): string {
  return text === '' || text.endsWith(marker) ? text : `${text}${marker}`;
}

/** The 楼/号 a household is in, as the canvasser reads it on the wall: `涞寅路100弄12号`. */
export function buildingLabel(h: Pick<ListedHousehold, 'road' | 'building'>): string {
  return `${h.road}${withMarker(h.building, '号')}`;
}

/** `301室`; a house without rooms reads as its 号. */
export function roomLabel(h: Pick<ListedHousehold, 'building' | 'room'>): string {
  return h.room ? withMarker(h.room, '室') : withMarker(h.building, '号');
}

/** The bare 号 of a household's building (`100弄12号` → `12`), as a canvasser types it. */
function bareBuilding(building: string): string {
  return building.replace(/^.*[弄组]/, '').replace(/号$/, '');
}

function buildingId(h: ListedHousehold): string {
  return `${h.road}|${h.lane}|${h.building}`;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Where the canvasser is in the list; '' at a level not yet chosen. */
export interface BrowsePlace {
  readonly area: string;
  readonly building: string;
  readonly unit: string;
}

export const NO_PLACE: BrowsePlace = { area: '', building: '', unit: '' };

export interface BrowseChoice {
  readonly id: string;
  readonly label: string;
  /** Households in it. */
  readonly total: number;
  /** Households still to knock at (未访 or 不在家). */
  readonly open: number;
}

function choices(
  rows: readonly VisitRow[],
  idOf: (h: ListedHousehold) => string,
  labelOf: (h: ListedHousehold) => string,
): BrowseChoice[] {
  const byId = new Map<string, { label: string; total: number; open: number }>();
  for (const row of rows) {
    const id = idOf(row.household);
    const entry = byId.get(id) ?? { label: labelOf(row.household), total: 0, open: 0 };
    entry.total += 1;
    if (!DONE.has(row.state)) entry.open += 1;
    byId.set(id, entry);
  }
  return [...byId.entries()]
    .map(([id, e]) => ({ id, ...e }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

export const AREA_NONE_LABEL = '（未分小区）';

/** The 小区/自然村 of the list. */
export function areaChoices(rows: readonly VisitRow[]): BrowseChoice[] {
  return choices(
    rows,
    (h) => h.area,
    (h) => h.area || AREA_NONE_LABEL,
  );
}

export function buildingChoices(rows: readonly VisitRow[], area: string): BrowseChoice[] {
  return choices(
    rows.filter((r) => r.household.area === area),
    buildingId,
    buildingLabel,
  );
}

export function unitChoices(
  rows: readonly VisitRow[],
  area: string,
  building: string,
): BrowseChoice[] {
  return choices(
    rows.filter((r) => r.household.area === area && buildingId(r.household) === building),
    (h) => h.unit,
    (h) => (h.unit ? withMarker(h.unit, '单元') : '（无单元）'),
  );
}

function inPlace(h: ListedHousehold, place: BrowsePlace): boolean {
  return (
    (place.area === '' || h.area === place.area) &&
    (place.building === '' || buildingId(h) === place.building) &&
    (place.unit === '' || h.unit === place.unit)
  );
}

/** Households of a place in address order (room by room, as the stairs go). */
export function roomsOf(rows: readonly VisitRow[], place: BrowsePlace): VisitRow[] {
  return rows.filter((r) => inPlace(r.household, place)).sort(byAddress);
}

function byAddress(a: VisitRow, b: VisitRow): number {
  const x = a.household;
  const y = b.household;
  return (
    collator.compare(x.area, y.area) ||
    collator.compare(x.road, y.road) ||
    collator.compare(x.lane, y.lane) ||
    collator.compare(x.building, y.building) ||
    collator.compare(x.unit, y.unit) ||
    collator.compare(x.room, y.room)
  );
}

/** The place a household is in (for 下一户 and for opening the list where the canvasser was). */
export function placeOf(h: ListedHousehold): BrowsePlace {
  return { area: h.area, building: buildingId(h), unit: h.unit };
}

// ── Search: a building or a room typed ──────────────────────────────────────────────────────

function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[－—–]/g, '-')
    .toLowerCase();
}

/**
 * Households whose address matches what was typed: `12` finds building 12 and rooms starting 12,
 * `12-301` or `12号301` finds room 301 of building 12, a road, lane or area name finds those.
 * Sampled households stay first, as the list has them.
 */
export function searchRows(rows: readonly VisitRow[], typed: string, limit = 200): VisitRow[] {
  const q = fold(typed);
  if (q === '') return [];
  // `12-301`, `12号301`, `100弄12号1单元301室`: read as an address, as the form reads it.
  const parsed = parseHouseholdAddress(typed);
  const out: VisitRow[] = [];
  for (const row of rows) {
    if (matches(row.household, q, parsed)) {
      out.push(row);
      if (out.length >= limit) break;
    }
  }
  return out;
}

function matches(h: ListedHousehold, q: string, parsed: HouseholdAddress | null): boolean {
  const building = bareBuilding(h.building);
  if (building === q || h.room.startsWith(q)) return true;
  if (fold(h.key).includes(q) || fold(h.address).includes(q)) return true;
  if (parsed === null || parsed.room === undefined) return false;
  return (
    building === parsed.building &&
    h.room.startsWith(parsed.room) &&
    (parsed.unit === undefined || h.unit === parsed.unit) &&
    (parsed.lane === undefined || h.lane === parsed.lane) &&
    (parsed.group === undefined || h.building.startsWith(`${parsed.group}组`))
  );
}

// ── Lists of their own ──────────────────────────────────────────────────────────────────────

/** 回访: households whose latest state is 不在家, in address order. */
export function revisitRows(rows: readonly VisitRow[]): VisitRow[] {
  return rows.filter((r) => r.state === 'not_home').sort(byAddress);
}

/** 抽样: the sample by rank, then the reserve by rank (the server's order, kept). */
export function sampleRows(rows: readonly VisitRow[]): VisitRow[] {
  return rows.filter((r) => r.household.sample !== null);
}

/**
 * 下一户: the next room after `key` in the same 小区, 楼/号 and 单元, in address order, that is
 * still to knock at (not done, not waiting to upload, not the household just surveyed).
 * Undefined when the unit has none left: the form then keeps the building and leaves 室 empty.
 */
export function nextHousehold(rows: readonly VisitRow[], key: string): ListedHousehold | undefined {
  const current = rows.find((r) => r.household.key === key)?.household;
  if (current === undefined) return undefined;
  const rooms = roomsOf(rows, placeOf(current));
  const at = rooms.findIndex((r) => r.household.key === key);
  return rooms.slice(at + 1).find((r) => !DONE.has(r.state) && r.household.key !== key)?.household;
}

export function findHousehold(rows: readonly VisitRow[], key: string): VisitRow | undefined {
  return rows.find((r) => r.household.key === key);
}
