// One household must count once, however it was typed, and two households must never share a
// key. A household address is written the way Jiuting's 居委会 keep their ledgers:
//   小区 or 自然村 (an area of the community) · optional 组 · optional 路 + 弄 · 号 · optional 单元 · optional 室
// A house with no room (`25号`, `新姚村3组25号`) is a complete address. Every form is reduced to
// one canonical, readable key (`12号301室`, `九亭小区·100弄12号1单元301室`, `新姚村·3组25号`)
// that is also what the form shows back, and that reads back as itself.
//
// The road is read but not part of the key: a canvasser writes `100弄12号301室` where the ledger
// says `涞寅路100弄12号301室`, and both are one household; two lanes of the same number on two
// roads within one 小区 do not occur in the town.

export interface HouseholdAddress {
  /** 小区 or 自然村, as the community names it; absent in keys stored before areas (未分区). */
  readonly area?: string;
  /** 组 of a village (`3` for `3组`). */
  readonly group?: string;
  readonly road?: string;
  readonly lane?: string;
  /** 号: building or house number, may carry a letter, 甲/乙/丙/丁 or `-1` (`25-1号`). */
  readonly building: string;
  readonly unit?: string;
  /** Absent for a house: a house with no room is a complete address. */
  readonly room?: string;
}

/** The area stored responses from before the address model stay in until a coordinator assigns them. */
export const UNASSIGNED_AREA = '未分区';

/** Separates the area from the rest in a key, so an area may hold digits (`颐景园3期`). */
export const AREA_SEPARATOR = '·';

type Slot = 'lane' | 'group' | 'building' | 'unit' | 'room';

// Markers that name a building of flats: such a building needs a room. `号` alone may be a house.
const FLAT_BUILDING_MARKERS = new Set(['号楼', '栋', '幢', '楼', '座']);
const MARKERS = '号楼|弄|号|栋|幢|楼|座|单元|室|房|组';
// A part is a number (`12`, `12A`, `12甲`, `25-1` before 号, 单元, 室 or 房: `1幢2-3号` reads as
// room `2-3`, which its key `1号2-3室` must read back as), a letter with a number (`A3`), or a
// lone letter only when a marker names it (`A座`), so stray Latin text is not read as a part.
// Every marker a key prints (组, 弄, 号, 单元, 室) is among them, so a key reads back as itself.
const TOKEN = new RegExp(
  `([0-9]+(?:-[0-9]{1,2}(?=号(?!楼)|单元|室|房)|[甲乙丙丁]|[A-Z])?|[A-Z][0-9]+|[A-Z](?=${MARKERS}))(${MARKERS})?`,
  'g',
);
const RANK: Record<Slot, number> = { lane: 0, group: 0, building: 1, unit: 2, room: 3 };

const ADMINISTRATIVE_PREFIX = /^(?:上海市|上海)?(?:松江区)?(?:九亭镇)?/;
const ROAD_SUFFIX = /(?:公路|大道|路|街)$/;
const AREA_SUFFIX = /[区园苑村城寓庭湾府邸居里期坊墅舍]/g;

// Chinese numerals are read only right before a marker (`十二号楼`, `三组`): `九亭` and `一村`
// are names.
const CHINESE_NUMBER = new RegExp(`([零〇一二两三四五六七八九十百]+)(?=${MARKERS})`, 'g');
const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

function chineseNumber(text: string): string {
  if (!/[十百]/.test(text)) return [...text].map((c) => DIGIT[c]).join('');
  let total = 0;
  let current = 0;
  for (const c of text) {
    if (c === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (c === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else current = DIGIT[c] ?? 0;
  }
  return String(total + current);
}

function canonicalPart(value: string): string {
  // `01单元` and `1单元` are the same unit; `0301` and `301` the same room. Zeros are stripped as
  // text, not through Number, so a long digit run keeps every digit instead of rounding.
  return value.replace(/^([A-Z]?)0+(?=[0-9])/, '$1').replace(/-0+(?=[0-9])/, '-');
}

/** An area as a key prints it: no spaces or punctuation, no 上海市/松江区/九亭镇 in front. */
export function normaliseArea(text: string): string {
  const plain = text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{P}\p{S}\p{C}]+/gu, '')
    .replace(ADMINISTRATIVE_PREFIX, '');
  // `别墅12号` is house 12: the word says what kind of house, not which area.
  return plain === '别墅' ? '' : plain;
}

/** Splits the words before the numbers into an area and a road (`九亭小区涞寅路`). */
function areaAndRoad(words: string): { area: string; road: string } {
  const text = normaliseArea(words);
  if (!ROAD_SUFFIX.test(text)) return { area: text, road: '' };
  // The area ends at the last area word that leaves at least a two-character road after it.
  let split = 0;
  for (const m of text.matchAll(AREA_SUFFIX)) {
    const end = (m.index ?? 0) + 1;
    if (text.length - end >= 2) split = end;
  }
  return { area: text.slice(0, split), road: text.slice(split) };
}

function slotOfMarker(marker: string | undefined, isLast: boolean, hasBuilding: boolean) {
  if (marker === undefined) return undefined;
  if (marker === '弄') return 'lane';
  if (marker === '组') return 'group';
  if (marker === '单元') return 'unit';
  if (marker === '室' || marker === '房') return 'room';
  // `12号301号`: a last 号 after a building is the room; `25号` alone is a house.
  if (marker === '号' && isLast && hasBuilding) return 'room';
  return 'building';
}

/** Parses what a person typed into its parts, or null when it is not one household. */
/**
 * The longest text read as an address: far beyond any ledger's (`上海市松江区九亭镇…301室` is
 * about 30 characters). Reading takes time that grows with the square of the length (the numeral
 * and token expressions rescan), so a 30,000-character cell or field would hold the server for
 * seconds; anything longer is simply not an address.
 */
export const MAX_ADDRESS_LENGTH = 200;

export function parseHouseholdAddress(input: string): HouseholdAddress | null {
  if (typeof input !== 'string' || input.length > MAX_ADDRESS_LENGTH) return null;
  // NFKC turns full-width digits, letters and dashes into their ASCII forms.
  // A space between two numbers separates them (`12 301`); next to a marker it means nothing.
  // The character before a space is matched and put back rather than looked behind at: Safari
  // before 16.4 cannot parse lookbehind, and this runs on the residents' phones.
  const text = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/([^0-9A-Z]) | (?=[^0-9A-Z])/g, '$1')
    .trim()
    .replace(/[－—–]/g, '-');

  // An area after which the separator stands is a name, taken as written (`十二村·…` too).
  const separator = text.indexOf(AREA_SEPARATOR);
  const rest = (separator >= 0 ? text.slice(separator + 1) : text).replace(CHINESE_NUMBER, (n) =>
    chineseNumber(n),
  );
  const matches = [...rest.matchAll(TOKEN)];
  const first = matches[0];
  if (first === undefined || matches.length > 5) return null;
  const words = rest.slice(0, first.index);
  let area: string;
  let road: string;
  if (separator >= 0) {
    area = normaliseArea(text.slice(0, separator));
    road = ROAD_SUFFIX.test(normaliseArea(words)) ? normaliseArea(words) : '';
  } else ({ area, road } = areaAndRoad(words));

  const parts: Partial<Record<Slot, string>> = {};
  const unmarked: string[] = [];
  let buildingMarker: string | undefined;
  let lastRank = -1;
  for (const [index, m] of matches.entries()) {
    const value = canonicalPart(m[1] ?? '');
    const slot = slotOfMarker(m[2], index === matches.length - 1, parts.building !== undefined);
    if (slot === undefined || parts[slot] !== undefined) {
      unmarked.push(value);
      continue;
    }
    // Parts come in reading order: `301室12号` is not an address.
    if (RANK[slot] < lastRank) return null;
    lastRank = RANK[slot];
    parts[slot] = value;
    if (slot === 'building') buildingMarker = m[2];
  }

  // Unmarked numbers fill the free slots: the last one is the room, the ones before it go to
  // building, then unit, then lane, and are laid out in reading order. One number after a lane
  // or a 组 is the house (`100弄12`, `3组25`).
  if (unmarked.length === 1 && !parts.building && !parts.room && (parts.lane || parts.group)) {
    parts.building = unmarked[0];
  } else if (unmarked.length > 0) {
    if (parts.room !== undefined) return null;
    const before = (['building', 'unit', 'lane'] as const)
      .filter((slot) => parts[slot] === undefined)
      .slice(0, unmarked.length - 1);
    if (before.length !== unmarked.length - 1) return null;
    const readingOrder: Slot[] = (['lane', 'building', 'unit'] as const).filter((slot) =>
      (before as readonly Slot[]).includes(slot),
    );
    [...readingOrder, 'room' as const].forEach((slot, i) => {
      parts[slot] = unmarked[i];
    });
  }

  // In a village the number after the 组 is the house: 楼号 `3组` + 室号 `25` is `3组25号`.
  if (parts.group && !parts.building && parts.room && !parts.unit) {
    parts.building = parts.room;
    delete parts.room;
  }

  const { group, lane, building, unit, room } = parts;
  if (!building) return null;
  if (room !== undefined && !/[0-9]/.test(room)) return null;
  // A unit, or a building of flats, needs a room; a house (`25号`) does not.
  if (!room && (unit || (buildingMarker && FLAT_BUILDING_MARKERS.has(buildingMarker)))) {
    return null;
  }
  return {
    ...(area ? { area } : {}),
    ...(group ? { group } : {}),
    ...(road ? { road } : {}),
    ...(lane ? { lane } : {}),
    building,
    ...(unit ? { unit } : {}),
    ...(room ? { room } : {}),
  };
}

export function formatHouseholdKey(address: HouseholdAddress): string {
  const area = address.area ? normaliseArea(address.area) : '';
  return [
    area ? `${area}${AREA_SEPARATOR}` : '',
    address.group ? `${address.group}组` : '',
    address.lane ? `${address.lane}弄` : '',
    `${address.building}号`,
    address.unit ? `${address.unit}单元` : '',
    address.room ? `${address.room}室` : '',
  ].join('');
}

// The server reads every synced address twice (the schema's check, then the key it stores), a
// batch at a time: the recent answers are kept so the second reading costs a lookup. Bounded,
// oldest out first, so a 20,000-item outbox file cannot grow it; only address-sized texts, so
// nothing a stranger sends (or a register's odd cell) is held.
const RECENT_KEYS_MAX = 1024;
const RECENT_KEY_INPUT_MAX = 80;
const recentKeys = new Map<string, string | null>();

/** The household key of a typed address, or null when it cannot be read as one household. */
export function householdKey(input: string): string | null {
  const known = recentKeys.get(input);
  if (known !== undefined) return known;
  const parsed = parseHouseholdAddress(input);
  const key = parsed ? formatHouseholdKey(parsed) : null;
  if (input.length > RECENT_KEY_INPUT_MAX) return key;
  if (recentKeys.size >= RECENT_KEYS_MAX) {
    recentKeys.delete(recentKeys.keys().next().value as string);
  }
  recentKeys.set(input, key);
  return key;
}

/** The area a key belongs to: 未分区 for a key without one (every key stored before areas). */
export function areaOfHouseholdKey(key: string): string {
  const separator = key.indexOf(AREA_SEPARATOR);
  return separator > 0 ? key.slice(0, separator) : UNASSIGNED_AREA;
}

/** The boxes of the collectors' form and the residents' page. */
export interface HouseholdAddressFields {
  readonly area?: string;
  readonly road?: string;
  readonly lane?: string;
  readonly building: string;
  readonly unit?: string;
  readonly room?: string;
}

const ENDS_WITH_MARKER = new RegExp(`(?:${MARKERS})$`);

function withMarker(text: string | undefined, marker: string): string {
  const t = (text ?? '').trim();
  if (t === '') return '';
  return ENDS_WITH_MARKER.test(t.normalize('NFKC')) ? t : `${t}${marker}`;
}

/** Builds the one-line address from the form's boxes (小区 / 路 / 弄 / 号 / 单元 / 室). */
export function composeHouseholdAddress(fields: HouseholdAddressFields): string {
  const area = (fields.area ?? '').trim();
  return [
    area ? `${area}${AREA_SEPARATOR}` : '',
    (fields.road ?? '').trim(),
    withMarker(fields.lane, '弄'),
    withMarker(fields.building, '号'),
    withMarker(fields.unit, '单元'),
    withMarker(fields.room, '室'),
  ].join('');
}
