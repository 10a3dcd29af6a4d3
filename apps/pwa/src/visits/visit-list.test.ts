import { describe, expect, test } from 'vitest';
import {
  areaChoices,
  buildingChoices,
  type LocalMark,
  nextHousehold,
  placeOf,
  revisitRows,
  roomsOf,
  STATE_LABELS,
  searchRows,
  unitChoices,
  type VisitList,
  visitRows,
  visitState,
} from './visit-list.ts';
import { listedHousehold } from './visit-list-fixture.ts';

const GENERATED = '2026-05-01T02:00:00.000Z';
const BEFORE = Date.parse(GENERATED) - 60_000;
const AFTER = Date.parse(GENERATED) + 60_000;

function list(households: VisitList['households']): VisitList {
  return {
    communityCode: 'JT01',
    generatedAt: GENERATED,
    registered: true,
    sample: null,
    households,
  };
}

const unit1 = ['101', '102', '201', '202', '301'].map((room) =>
  listedHousehold({ area: '九亭小区', lane: '100', building: '12', unit: '1', room }),
);

describe('visit states', () => {
  test('every state has its Chinese label', () => {
    expect(Object.values(STATE_LABELS)).toEqual([
      '未访',
      '已完成',
      '已答(扫码)',
      '不在家',
      '拒访',
      '空置',
      '待上传',
    ]);
  });

  test('with nothing on the phone a household shows the list’s state', () => {
    expect(visitState({ state: 'resident_qr' }, undefined, 0)).toBe('resident_qr');
  });

  test('a survey or visit queued on this phone shows 待上传 whatever the list says', () => {
    const mark: LocalMark = {
      key: 'k',
      kind: 'visit',
      outcome: 'not_home',
      sent: false,
      at: BEFORE,
    };
    expect(visitState({ state: 'unvisited' }, mark, Date.parse(GENERATED))).toBe('unsent');
    expect(visitState({ state: 'counted' }, mark, Date.parse(GENERATED))).toBe('unsent');
  });

  test('something sent after the list was generated shows until the list is refreshed', () => {
    const g = Date.parse(GENERATED);
    expect(
      visitState({ state: 'unvisited' }, { key: 'k', kind: 'survey', sent: true, at: AFTER }, g),
    ).toBe('counted');
    expect(
      visitState(
        { state: 'not_home' },
        { key: 'k', kind: 'visit', outcome: 'refused', sent: true, at: AFTER },
        g,
      ),
    ).toBe('refused');
  });

  test('a newer list wins over what this phone sent before it was generated', () => {
    const mark: LocalMark = {
      key: 'k',
      kind: 'visit',
      outcome: 'not_home',
      sent: true,
      at: BEFORE,
    };
    expect(visitState({ state: 'counted' }, mark, Date.parse(GENERATED))).toBe('counted');
  });

  test('a visit outcome never hides a counted household', () => {
    const mark: LocalMark = { key: 'k', kind: 'visit', outcome: 'not_home', sent: true, at: AFTER };
    expect(visitState({ state: 'counted' }, mark, Date.parse(GENERATED))).toBe('counted');
  });

  test('an unsent mark wins over a later sent one for the same household', () => {
    const key = unit1[0]?.key ?? '';
    const rows = visitRows(list(unit1), [
      { key, kind: 'visit', outcome: 'not_home', sent: false, at: BEFORE },
      { key, kind: 'survey', sent: true, at: AFTER },
    ]);
    expect(rows[0]?.state).toBe('unsent');
  });
});

describe('browsing 小区 → 楼/号 → 单元 → 室', () => {
  const households = [
    ...unit1,
    listedHousehold({ area: '九亭小区', lane: '100', building: '12', unit: '2', room: '101' }),
    listedHousehold({ area: '九亭小区', lane: '100', building: '9', unit: '1', room: '101' }),
    listedHousehold({ area: '新姚村', building: '25' }, { state: 'counted' }),
  ];
  const rows = visitRows(list(households), []);

  test('areas, then buildings in number order, then units, each with what is left to knock at', () => {
    expect(areaChoices(rows).map((c) => [c.label, c.total, c.open])).toEqual([
      ['九亭小区', 7, 7],
      ['新姚村', 1, 0],
    ]);
    const buildings = buildingChoices(rows, '九亭小区');
    expect(buildings.map((c) => c.label)).toEqual(['100弄9号', '100弄12号']);
    const twelve = buildings[1]?.id ?? '';
    expect(unitChoices(rows, '九亭小区', twelve).map((c) => [c.label, c.total])).toEqual([
      ['1单元', 5],
      ['2单元', 1],
    ]);
  });

  test('the rooms of a unit in the order of the stairs', () => {
    const place = placeOf(
      households[4] ?? unit1[0] ?? households[0] ?? listedHousehold({ building: '0' }),
    );
    expect(roomsOf(rows, place).map((r) => r.household.room)).toEqual([
      '101',
      '102',
      '201',
      '202',
      '301',
    ]);
  });
});

describe('search', () => {
  const households = [
    ...unit1,
    listedHousehold({ area: '九亭小区', lane: '100', building: '3', unit: '1', room: '1201' }),
    listedHousehold({ area: '新姚村', building: '25' }),
  ];
  const rows = visitRows(list(households), []);
  const keys = (typed: string) => searchRows(rows, typed).map((r) => r.household.key);

  test('a building number finds its rooms, a room number finds that room in every building', () => {
    expect(keys('12')).toHaveLength(6); // the five rooms of 12号 and room 1201 of 3号
    expect(keys('301')).toEqual([unit1[4]?.key]);
  });

  test('号-室 and 号-单元-室 find one household', () => {
    expect(keys('12-301')).toEqual([unit1[4]?.key]);
    expect(keys('12－1－201')).toEqual([unit1[2]?.key]);
  });

  test('the key as written on the form finds the household, and an area finds its houses', () => {
    expect(keys('12号301')).toEqual([unit1[4]?.key]);
    expect(keys('新姚村')).toHaveLength(1);
  });

  test('nothing typed finds nothing; an address outside the list finds nothing', () => {
    expect(keys('  ')).toEqual([]);
    expect(keys('99-999')).toEqual([]);
  });
});

describe('下一户 and 回访', () => {
  test('the next room in the same unit that is still to knock at', () => {
    const households = unit1.map((h, i) =>
      i === 1
        ? { ...h, state: 'refused' as const }
        : i === 2
          ? { ...h, state: 'counted' as const }
          : h,
    );
    const rows = visitRows(list(households), [
      { key: unit1[3]?.key ?? '', kind: 'visit', outcome: 'not_home', sent: false, at: AFTER },
    ]);
    // 102 refused, 201 counted, 202 just marked (unsent): the next is 301.
    expect(nextHousehold(rows, unit1[0]?.key ?? '')?.room).toBe('301');
  });

  test('none left in the unit: no next household (the form keeps the building, 室 empty)', () => {
    const rows = visitRows(list(unit1), []);
    expect(nextHousehold(rows, unit1[4]?.key ?? '')).toBeUndefined();
  });

  test('an address not on the list has no next household', () => {
    expect(nextHousehold(visitRows(list(unit1), []), '99号1室')).toBeUndefined();
  });

  test('回访 lists the households whose latest state is 不在家, and forgets one surveyed since', () => {
    const households = unit1.map((h, i) => (i < 3 ? { ...h, state: 'not_home' as const } : h));
    const rows = visitRows(list(households), [
      { key: unit1[1]?.key ?? '', kind: 'survey', sent: true, at: AFTER },
      { key: unit1[4]?.key ?? '', kind: 'visit', outcome: 'not_home', sent: true, at: AFTER },
    ]);
    expect(revisitRows(rows).map((r) => r.household.room)).toEqual(['101', '201', '301']);
  });
});
