import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatHouseholdKey,
  type HouseholdAddress,
  householdKey,
  parseHouseholdAddress,
} from './household.ts';

const FULL_WIDTH_OFFSET = 0xff10 - 0x30;
const fullWidth = (digits: string) =>
  digits.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + FULL_WIDTH_OFFSET));

/** A number as someone might type it: maybe with leading zeros, maybe in full-width digits. */
const typedNumber = (n: number) =>
  fc.tuple(fc.nat({ max: 2 }), fc.boolean()).map(([zeros, wide]) => {
    const text = `${'0'.repeat(zeros)}${n}`;
    return wide ? fullWidth(text) : text;
  });

const AREAS = ['九亭小区', '华亭苑', '颐景园3期', '新姚村', '九亭三村'] as const;

const household = fc.record(
  {
    area: fc.constantFrom(...AREAS),
    lane: fc.integer({ min: 1, max: 9999 }),
    building: fc.integer({ min: 1, max: 999 }),
    unit: fc.integer({ min: 1, max: 9 }),
    room: fc.integer({ min: 101, max: 3505 }),
  },
  { requiredKeys: ['building', 'room'] },
);

const canonical = (h: {
  area?: string;
  lane?: number;
  building: number;
  unit?: number;
  room: number;
}) => {
  const address: HouseholdAddress = {
    ...(h.area !== undefined ? { area: h.area } : {}),
    ...(h.lane !== undefined ? { lane: String(h.lane) } : {}),
    building: String(h.building),
    ...(h.unit !== undefined ? { unit: String(h.unit) } : {}),
    room: String(h.room),
  };
  return formatHouseholdKey(address);
};

const space = fc.constantFrom('', '', ' ', '  ');
// What may come around the area without naming one: the town's own name before, a road after.
const town = fc.constantFrom('', '上海市松江区九亭镇', '九亭镇');
const road = fc.constantFrom('', '涞寅路', '沪亭北路 ');
/** The area as a person writes it before the rest: with the separator, or (no digits) without. */
const areaPrefix = (area: string | undefined) =>
  area === undefined
    ? fc.constant('')
    : /[0-9]/.test(area)
      ? fc.constant(`${area}·`)
      : fc.constantFrom(`${area}·`, area, `${area} `);

/** `12号楼1单元301室`, `12栋301`, `100弄12幢2单元0301号` … */
const typedWithMarkers = household.chain((h) =>
  fc
    .tuple(
      fc.tuple(town, areaPrefix(h.area), road).map((p) => p.join('')),
      h.lane !== undefined ? typedNumber(h.lane) : fc.constant(''),
      typedNumber(h.building),
      fc.constantFrom('号楼', '栋', '幢', '号', '楼'),
      h.unit !== undefined ? typedNumber(h.unit) : fc.constant(''),
      typedNumber(h.room),
      fc.constantFrom('室', '房', '号', ''),
      space,
    )
    .map(([pre, lane, building, bMarker, unit, room, rMarker, sp]) => ({
      household: h,
      typed: [
        pre,
        lane && `${lane}${sp}弄${sp}`,
        `${building}${sp}${bMarker}${sp}`,
        unit && `${unit}${sp}单元${sp}`,
        `${room}${sp}${rMarker}`,
      ].join(''),
    })),
);

/** `12-301`, `12－1－301`, `100弄12 1 301` …: a lane, when given, keeps its 弄. */
const typedWithSeparators = household.chain((h) =>
  fc
    .tuple(
      fc.tuple(town, areaPrefix(h.area), road).map((p) => p.join('')),
      h.lane !== undefined ? typedNumber(h.lane) : fc.constant(''),
      typedNumber(h.building),
      h.unit !== undefined ? typedNumber(h.unit) : fc.constant(''),
      typedNumber(h.room),
      fc.constantFrom('-', '－', '—', '/', ' ', ' - '),
    )
    .map(([pre, lane, building, unit, room, sep]) => ({
      household: h,
      typed: `${pre}${lane && `${lane}弄`}${[building, unit, room].filter(Boolean).join(sep)}`,
    })),
);

describe('householdKey, for any way a household is typed', () => {
  it('gives the household’s one key when typed with markers', () => {
    fc.assert(
      fc.property(typedWithMarkers, ({ household: h, typed }) => {
        expect(householdKey(typed)).toBe(canonical(h));
      }),
    );
  });

  it('gives the household’s one key when typed with separators', () => {
    fc.assert(
      fc.property(typedWithSeparators, ({ household: h, typed }) => {
        expect(householdKey(typed)).toBe(canonical(h));
      }),
    );
  });
});

describe('householdKey, read again', () => {
  const readAfresh = (text: string) => {
    const parsed = parseHouseholdAddress(text);
    return parsed ? formatHouseholdKey(parsed) : null;
  };
  // The server reads each synced address twice and keeps recent answers: a kept answer must be
  // the one a fresh reading gives, for repeats, for texts that are not addresses, and after
  // more addresses than are kept have come by.
  it('gives what a fresh reading gives, however the same texts repeat', () => {
    const text = fc.oneof(
      typedWithMarkers.map((t) => t.typed),
      typedWithSeparators.map((t) => t.typed),
      fc.string({ maxLength: 90 }),
    );
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 80 }),
        (texts, picks) => {
          for (const t of [...texts, ...picks.map((i) => texts[i % texts.length] as string)]) {
            expect(householdKey(t)).toBe(readAfresh(t));
          }
        },
      ),
    );
  });

  it('gives what a fresh reading gives after thousands of other addresses', () => {
    const typed = Array.from(
      { length: 3000 },
      (_, i) => `${(i % 97) + 1}号楼${(i % 9) + 1}单元${i + 101}室`,
    );
    for (const t of typed) householdKey(t);
    for (const t of [...typed].reverse()) expect(householdKey(t)).toBe(readAfresh(t));
  });
});

describe('two households never share a key', () => {
  it('when they differ in 小区, 弄, 号, 单元 or 室', () => {
    fc.assert(
      fc.property(household, household, (a, b) => {
        fc.pre(canonical(a) !== canonical(b));
        expect(householdKey(canonical(a))).not.toBe(householdKey(canonical(b)));
      }),
    );
  });

  it('for houses with no room, in villages with 组', () => {
    const house = fc.record({
      area: fc.constantFrom(...AREAS),
      group: fc.integer({ min: 1, max: 20 }),
      building: fc.integer({ min: 1, max: 300 }),
    });
    fc.assert(
      fc.property(house, house, (a, b) => {
        fc.pre(a.area !== b.area || a.group !== b.group || a.building !== b.building);
        const typed = (h: typeof a) => `${h.area}${h.group}组${h.building}号`;
        expect(householdKey(typed(a))).not.toBeNull();
        expect(householdKey(typed(a))).not.toBe(householdKey(typed(b)));
      }),
    );
  });
});

describe('normalising twice changes nothing', () => {
  const pieces = fc.constantFrom(
    ...'0123456789０１２３４５６７８９ABCab -－—/　'.split(''),
    '号楼',
    '号',
    '栋',
    '幢',
    '楼',
    '座',
    '单元',
    '室',
    '房',
    '弄',
    '小区',
    '路',
    '组',
    '村',
    '·',
    '十二',
    '甲',
  );
  const addressLike = fc.array(pieces, { maxLength: 16 }).map((p) => p.join(''));

  for (const [name, strings] of [
    ['address-like text', addressLike],
    ['any text', fc.string({ unit: 'grapheme', maxLength: 30 })],
    ['typed households', typedWithMarkers.map((t) => t.typed)],
  ] as const) {
    it(`for ${name}: householdKey(k) === k whenever s has a key k`, () => {
      fc.assert(
        fc.property(strings, (s) => {
          const key = householdKey(s);
          if (key !== null) expect(householdKey(key)).toBe(key);
        }),
        { numRuns: 2000 },
      );
    });
  }
});
