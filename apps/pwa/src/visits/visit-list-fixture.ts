import { composeHouseholdAddress, householdKey } from '@jiuting/questionnaire';
import type { ListedHousehold, ServerVisitState, VisitList } from './visit-list.ts';

/** A household of a visit list as the server sends it (tests, the benchmark). */
export function listedHousehold(
  fields: {
    area?: string;
    road?: string;
    lane?: string;
    building: string;
    unit?: string;
    room?: string;
  },
  extra: Partial<Pick<ListedHousehold, 'state' | 'sample' | 'status' | 'lastVisitAt'>> = {},
): ListedHousehold {
  const address = composeHouseholdAddress(fields);
  return {
    key: householdKey(address) ?? address,
    area: fields.area ?? '',
    road: fields.road ?? '',
    lane: fields.lane ?? '',
    // As the register stores it: 弄 and 号 in the building.
    building: `${fields.lane ? `${fields.lane}弄` : ''}${fields.building}号`,
    unit: fields.unit ?? '',
    room: fields.room ?? '',
    address,
    status: extra.status ?? '居住',
    state: extra.state ?? 'unvisited',
    lastVisitAt: extra.lastVisitAt ?? null,
    sample: extra.sample ?? null,
  };
}

/**
 * A community of `size` households in two 小区 of 6-storey blocks (2 units × 6 floors × 2 rooms =
 * 24 households a building), every tenth household sampled, a few already visited.
 */
export function fixtureVisitList(
  communityCode: string,
  size: number,
  generatedAt = '2026-05-01T02:00:00.000Z',
): VisitList {
  const households: ListedHousehold[] = [];
  const states: ServerVisitState[] = ['unvisited', 'unvisited', 'unvisited', 'counted', 'not_home'];
  for (let i = 0; i < size; i += 1) {
    const block = Math.floor(i / 24);
    const inBlock = i % 24;
    const unit = String(Math.floor(inBlock / 12) + 1);
    const floor = Math.floor((inBlock % 12) / 2) + 1;
    const room = `${floor}0${(inBlock % 2) + 1}`;
    const area = block % 2 === 0 ? '九亭小区' : '涞寅苑';
    households.push(
      listedHousehold(
        { area, lane: '100', building: String(Math.floor(block / 2) + 1), unit, room },
        {
          state: states[i % states.length],
          sample: i % 10 === 0 ? { list: 'sample', rank: i / 10 + 1 } : null,
        },
      ),
    );
  }
  // The server's order: the sample by rank first, then the rest in address order.
  const sampled = households.filter((h) => h.sample !== null);
  const rest = households.filter((h) => h.sample === null);
  return {
    communityCode,
    generatedAt,
    registered: true,
    sample: { drawnAt: generatedAt, seed: 42, size: sampled.length, reserveSize: 0 },
    households: [...sampled, ...rest],
  };
}
