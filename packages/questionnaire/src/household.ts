// One household must count once, however it was typed: canvassers type `12-301`, residents type
// `１２栋３０１` or `12号楼301室`. Every form is reduced to one canonical, readable key
// (`12号301室`, `12号1单元301室`, `100弄12号301室`) that is also what the form shows back.

export interface HouseholdAddress {
  readonly lane?: string;
  readonly building: string;
  readonly unit?: string;
  readonly room: string;
}

type Slot = 'lane' | 'building' | 'unit' | 'room';

const BUILDING_MARKERS = new Set(['号楼', '栋', '幢', '楼', '座', '号']);
// A part is a number (`12`, `12A`), a letter with a number (`A3`), or a lone letter only when a
// marker names it (`A座`), so stray Latin text is not read as a part. Every marker a key can
// print (弄, 号, 单元) is among them, so a key always reads back as itself.
const TOKEN =
  /([0-9]+[A-Z]?|[A-Z][0-9]+|[A-Z](?=号楼|弄|号|栋|幢|楼|座|单元))(号楼|弄|号|栋|幢|楼|座|单元|室|房)?/g;

function canonicalPart(value: string): string {
  // `01单元` and `1单元` are the same unit; `0301` and `301` the same room. Zeros are stripped as
  // text, not through Number, so a long digit run keeps every digit instead of rounding.
  return value.replace(/^([A-Z]?)0+(?=[0-9])/, '$1');
}

function slotOfMarker(marker: string | undefined, isLast: boolean): Slot | undefined {
  if (marker === undefined) return undefined;
  if (marker === '弄') return 'lane';
  if (marker === '单元') return 'unit';
  if (marker === '室' || marker === '房') return 'room';
  // `301号` at the very end is a room number; `12号` before more parts is a building.
  if (marker === '号' && isLast) return 'room';
  if (BUILDING_MARKERS.has(marker)) return 'building';
  return undefined;
}

/** Parses what a person typed into its parts, or null when no building and room can be found. */
export function parseHouseholdAddress(input: string): HouseholdAddress | null {
  if (typeof input !== 'string') return null;
  // NFKC turns full-width digits, letters and dashes into their ASCII forms.
  // A space between two numbers separates them (`12 301`); next to a marker it means nothing.
  const text = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    // No lookbehind: Safari before 16.4 refuses to parse it (the character before is kept as $1).
    .replace(/([^0-9A-Z]) | (?=[^0-9A-Z])/g, '$1')
    .trim();
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({
    value: canonicalPart(m[1] ?? ''),
    marker: m[2],
  }));
  if (tokens.length < 2 || tokens.length > 4) return null;

  const parts: Partial<Record<Slot, string>> = {};
  const unmarked: string[] = [];
  tokens.forEach((token, index) => {
    const slot = slotOfMarker(token.marker, index === tokens.length - 1);
    if (slot === undefined || parts[slot] !== undefined) unmarked.push(token.value);
    else parts[slot] = token.value;
  });

  // Unmarked numbers fill the free slots: the last one is the room, the ones before it go to
  // building, then unit, then lane, and are laid out in reading order.
  if (unmarked.length > 0) {
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

  const { lane, building, unit, room } = parts;
  if (!building || !room || !/[0-9]/.test(room)) return null;
  return {
    ...(lane ? { lane } : {}),
    building,
    ...(unit ? { unit } : {}),
    room,
  };
}

export function formatHouseholdKey(address: HouseholdAddress): string {
  return `${address.lane ? `${address.lane}弄` : ''}${address.building}号${
    address.unit ? `${address.unit}单元` : ''
  }${address.room}室`;
}

/** The household key of a typed address, or null when it cannot be read as one household. */
export function householdKey(input: string): string | null {
  const parsed = parseHouseholdAddress(input);
  return parsed ? formatHouseholdKey(parsed) : null;
}

/** Builds the address text from the form's three boxes (楼号 / 单元 / 室号). */
export function composeHouseholdAddress(building: string, unit: string, room: string): string {
  const b = building.trim();
  const u = unit.trim();
  const r = room.trim();
  return `${b}号${u ? `${u}单元` : ''}${r}室`;
}
