import { describe, expect, it } from 'vitest';
import {
  areaOfHouseholdKey,
  composeHouseholdAddress,
  formatHouseholdKey,
  householdKey,
  MAX_ADDRESS_LENGTH,
  parseHouseholdAddress,
} from './household.ts';

// Real shapes of Shanghai addresses, as canvassers, residents and 居委会 ledgers write them.
describe('householdKey reads what people type', () => {
  const cases: Array<[string, string]> = [
    // Buildings of flats, no area.
    ['12号楼301室', '12号301室'],
    ['12-301', '12号301室'],
    ['１２栋３０１', '12号301室'],
    ['12幢1单元301', '12号1单元301室'],
    ['12栋301室', '12号301室'],
    ['12楼301', '12号301室'],
    ['12号301', '12号301室'],
    ['12号301号', '12号301室'],
    ['12号楼301房', '12号301室'],
    ['12号楼1单元301室', '12号1单元301室'],
    ['12-1-301', '12号1单元301室'],
    ['012-0301', '12号301室'],
    ['12号楼01单元0301室', '12号1单元301室'],
    ['12 号楼 301 室', '12号301室'],
    [' 12号楼301室 ', '12号301室'],
    ['12 301', '12号301室'],
    ['12　301', '12号301室'],
    ['12－301', '12号301室'],
    ['12—301', '12号301室'],
    ['12/301', '12号301室'],
    ['１２－１－３０１', '12号1单元301室'],
    ['A座301', 'A号301室'],
    ['ａ座301室', 'A号301室'],
    ['12a-301', '12A号301室'],
    ['B座1202室', 'B号1202室'],
    // Lanes (弄), with and without the road before them.
    ['100弄12号301室', '100弄12号301室'],
    ['200弄12号301室', '200弄12号301室'],
    ['100弄12-301', '100弄12号301室'],
    ['100弄12号2单元301室', '100弄12号2单元301室'],
    ['100-12-1-301', '100弄12号1单元301室'],
    ['涞寅路100弄12号301室', '100弄12号301室'],
    ['沪亭北路 99 弄 3 号 502 室', '99弄3号502室'],
    ['九亭大街88弄5号', '88弄5号'],
    ['沪松公路1399弄8号1201室', '1399弄8号1201室'],
    ['上海市松江区九亭镇涞寅路100弄12号301室', '100弄12号301室'],
    ['九亭镇涞寅路88弄5号', '88弄5号'],
    // Houses without a room.
    ['25号', '25号'],
    ['涞寅路88弄5号', '88弄5号'],
    ['别墅12号', '12号'],
    ['88弄5', '88弄5号'],
    ['25甲号', '25甲号'],
    ['25-1号', '25-1号'],
    ['25-1号201室', '25-1号201室'],
    ['３２号', '32号'],
    // Villages: 自然村 and 组.
    ['新姚村3组25号', '新姚村·3组25号'],
    ['新姚村三组25号', '新姚村·3组25号'],
    ['3组25号', '3组25号'],
    ['3组25', '3组25号'],
    ['3组25室', '3组25号'],
    ['十组8号', '10组8号'],
    ['新姚村 3 组 25 号', '新姚村·3组25号'],
    ['上海市松江区九亭镇新姚村3组25号', '新姚村·3组25号'],
    ['松江区九亭镇涞坊村十二组6号', '涞坊村·12组6号'],
    // Estates (小区) written before the building.
    ['九亭小区12号楼301室', '九亭小区·12号301室'],
    ['华亭苑 12栋 301', '华亭苑·12号301室'],
    ['九亭三村5号102室', '九亭三村·5号102室'],
    ['颐景园·12号301室', '颐景园·12号301室'],
    ['颐景园3期·5号1单元602室', '颐景园3期·5号1单元602室'],
    ['九亭小区涞寅路100弄12号301室', '九亭小区·100弄12号301室'],
    ['九亭小区十二号楼301室', '九亭小区·12号301室'],
    ['九亭小区十二号楼二单元301室', '九亭小区·12号2单元301室'],
    ['九亭小区 一百零五号 201室', '九亭小区·105号201室'],
    ['上海市九亭小区12-301', '九亭小区·12号301室'],
    ['上海九亭镇华亭苑12-1-301', '华亭苑·12号1单元301室'],
    // Chinese numerals in the building.
    ['十二号楼301室', '12号301室'],
    ['二十号楼1单元101室', '20号1单元101室'],
    ['三栋502', '3号502室'],
    // A dashed number after a building is a room, and its key reads back as itself (fast-check
    // found `0幢0-0号` → `0号0-0室`, which did not).
    ['1幢2-3号', '1号2-3室'],
    ['1号2-3室', '1号2-3室'],
    ['1幢2-3号4', '1号2-3单元4室'],
    ['1号2-3单元4室', '1号2-3单元4室'],
  ];
  for (const [typed, key] of cases) {
    it(`reads “${typed}” as ${key}`, () => {
      expect(householdKey(typed)).toBe(key);
    });
  }
  it('has at least 60 shapes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });
});

describe('one household, one key', () => {
  it('gives the same key to the same household typed different ways', () => {
    const typings = [
      '12号楼301室',
      '12-301',
      '１２栋３０１',
      '12幢301',
      '12 301',
      '012－0301',
      '十二号楼301室',
      '12号301号',
    ];
    expect(new Set(typings.map(householdKey))).toEqual(new Set(['12号301室']));
  });

  it('keeps two lanes of one community apart', () => {
    expect(householdKey('100弄12号301室')).not.toBe(householdKey('200弄12号301室'));
  });

  it('keeps different rooms, units, buildings, lanes, groups and areas apart', () => {
    const keys = [
      '12-301',
      '12-302',
      '13-301',
      '12-1-301',
      '12-2-301',
      '100弄12-301',
      '12号',
      '3组12号',
      '4组12号',
      '九亭小区·12-301',
      '华亭苑·12-301',
    ].map(householdKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps every digit of a long number rather than rounding it', () => {
    expect(householdKey('12345678901234567890-301')).toBe('12345678901234567890号301室');
    expect(householdKey('12345678901234567891-301')).toBe('12345678901234567891号301室');
  });
});

describe('householdKey refuses what is not one household', () => {
  const garbage = [
    '',
    '   ',
    'abc',
    '小区门口',
    '12',
    '12号楼',
    '12栋',
    '12号1单元',
    '301室',
    '1-2-3-4-5',
    '12号楼3楼301室',
    '301室12号',
    '新姚村',
  ];
  for (const typed of garbage) {
    it(`gives null for “${typed}”`, () => {
      expect(householdKey(typed)).toBeNull();
    });
  }

  it('gives null for a value that is not text', () => {
    expect(householdKey(12301 as unknown as string)).toBeNull();
  });

  // Reading rescans the text (quadratic): a register cell or a field of 30,000 characters held
  // the server for seconds. Nothing that long is one household.
  it(`gives null for text longer than ${MAX_ADDRESS_LENGTH} characters, even one ending in an address`, () => {
    const long = `${'九'.repeat(MAX_ADDRESS_LENGTH)}12号301室`;
    expect(householdKey(long)).toBeNull();
    expect(parseHouseholdAddress(long)).toBeNull();
    expect(householdKey(`${'九'.repeat(40)}12号301室`)).not.toBeNull();
  });
});

describe('normalising twice', () => {
  it('changes nothing for the keys of every example', () => {
    for (const typed of [
      '12幢1单元301',
      '100弄12-301',
      'A座301',
      '12a-301',
      '１２栋３０１',
      '新姚村三组25号',
      '25-1号',
      '颐景园3期·5号1单元602室',
    ]) {
      const key = householdKey(typed);
      expect(key).not.toBeNull();
      expect(householdKey(key as string)).toBe(key);
    }
  });

  it('reads a key with a lettered lane back as itself', () => {
    const key = formatHouseholdKey({ lane: 'A', building: '12', unit: '1', room: '301' });
    expect(key).toBe('A弄12号1单元301室');
    expect(householdKey(key)).toBe(key);
  });
});

describe('the parts of an address', () => {
  it('parses area, road, lane, building, unit and room', () => {
    expect(parseHouseholdAddress('九亭小区涞寅路100弄12号2单元301室')).toEqual({
      area: '九亭小区',
      road: '涞寅路',
      lane: '100',
      building: '12',
      unit: '2',
      room: '301',
    });
  });

  it('reads a village house as area, 组 and house number, with no room', () => {
    expect(parseHouseholdAddress('新姚村3组25号')).toEqual({
      area: '新姚村',
      group: '3',
      building: '25',
    });
  });

  it('leaves out what is not given', () => {
    expect(parseHouseholdAddress('12-301')).toEqual({ building: '12', room: '301' });
  });

  it('formats parts as the key', () => {
    expect(formatHouseholdKey({ lane: '8', building: '3', unit: '1', room: '502' })).toBe(
      '8弄3号1单元502室',
    );
  });

  it('puts a key without an area in 未分区, as every key stored before areas', () => {
    expect(areaOfHouseholdKey('12号301室')).toBe('未分区');
    expect(areaOfHouseholdKey('新姚村·3组25号')).toBe('新姚村');
  });
});

describe("composing the form's boxes", () => {
  it('reads back as the same household', () => {
    expect(householdKey(composeHouseholdAddress({ building: ' 12 ', room: '301' }))).toBe(
      '12号301室',
    );
    expect(householdKey(composeHouseholdAddress({ building: '12', unit: '1', room: '301' }))).toBe(
      '12号1单元301室',
    );
  });

  it('takes a lane and an area, so two lanes are two households', () => {
    const a = composeHouseholdAddress({
      area: '九亭小区',
      lane: '100',
      building: '12',
      room: '301',
    });
    const b = composeHouseholdAddress({
      area: '九亭小区',
      lane: '200',
      building: '12',
      room: '301',
    });
    expect(householdKey(a)).toBe('九亭小区·100弄12号301室');
    expect(householdKey(b)).toBe('九亭小区·200弄12号301室');
  });

  it('takes a house with no room', () => {
    expect(householdKey(composeHouseholdAddress({ building: '25', room: '' }))).toBe('25号');
    expect(
      householdKey(composeHouseholdAddress({ road: '涞寅路', lane: '88', building: '5' })),
    ).toBe('88弄5号');
  });

  it('reads 楼号 “3组” with 室号 “25” as house 25 of group 3', () => {
    expect(
      householdKey(composeHouseholdAddress({ area: '新姚村', building: '3组', room: '25' })),
    ).toBe('新姚村·3组25号');
  });

  it('keeps markers a person typed in a box', () => {
    expect(householdKey(composeHouseholdAddress({ building: '十二号楼', room: '301室' }))).toBe(
      '12号301室',
    );
  });
});
