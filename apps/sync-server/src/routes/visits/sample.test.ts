import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  CLIENT_HEADERS,
  type LoggedIn,
  loginAs,
  sampleSurvey,
  syncItems,
} from '../../testing.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;
let canvasser: LoggedIn;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  coordinator = await loginAs(app, 'coordinator');
  canvasser = await loginAs(app, 'canvasser', ['DEMO01']);
});
afterEach(async () => cleanup());

// 40 居住 households in two buildings (30 + 10) and 5 vacant ones.
const REGISTER = [
  '小区/自然村,路,弄,号,单元,室,状态',
  ...Array.from({ length: 30 }, (_, i) => `九亭小区,涞寅路,100,12,1,${101 + i},居住`),
  ...Array.from({ length: 10 }, (_, i) => `九亭小区,涞寅路,100,14,,${201 + i},居住`),
  ...Array.from({ length: 5 }, (_, i) => `九亭小区,涞寅路,100,16,,${301 + i},空置`),
].join('\r\n');

function call(who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return app.inject({
    method,
    url,
    headers: { ...CLIENT_HEADERS, cookie: who.cookie },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function importRegister() {
  const res = await call(coordinator, 'POST', '/api/communities/DEMO01/register/import', {
    file: { name: '户册.csv', base64: Buffer.from(REGISTER).toString('base64') },
  });
  expect(res.statusCode, res.body).toBe(200);
}

const draw = (payload: unknown = {}, who = coordinator) =>
  call(who, 'POST', '/api/communities/DEMO01/sample', payload);

const storedLists = () =>
  app.db
    .prepare(
      `SELECT list, rank, household_key AS key FROM sample_households
       WHERE community_code = 'DEMO01' ORDER BY list DESC, rank`,
    )
    .all();

describe('POST /api/communities/:code/sample', () => {
  it('draws ⌈30%⌉ of the 居住 households and a reserve, by building, and publishes it in the visit list', async () => {
    await importRegister();
    const res = await draw({ seed: 20251120 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      communityCode: 'DEMO01',
      seed: 20251120,
      frame: 40,
      size: 12,
      reserveSize: 4,
      replacedSeed: null,
      strata: [
        { area: '九亭小区', building: '100弄12号', households: 30, sample: 9, reserve: 3 },
        { area: '九亭小区', building: '100弄14号', households: 10, sample: 3, reserve: 1 },
      ],
    });
    const list = await call(canvasser, 'GET', '/api/communities/DEMO01/visit-list');
    const body = list.json();
    expect(body.sample).toMatchObject({ seed: 20251120, size: 12, reserveSize: 4 });
    const marks = body.households.map((h: { sample: unknown }) => h.sample);
    expect(marks.slice(0, 16)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => ({ list: 'sample', rank: i + 1 })),
      ...Array.from({ length: 4 }, (_, i) => ({ list: 'reserve', rank: i + 1 })),
    ]);
    expect(marks.slice(16).every((m: unknown) => m === null)).toBe(true);
    const register = await call(coordinator, 'GET', '/api/communities/DEMO01/register');
    expect(register.json().sample).toMatchObject({
      seed: 20251120,
      frame: 40,
      size: 12,
      reserveSize: 4,
    });
    expect(
      body.households
        .filter((h: { sample: unknown }) => h.sample !== null)
        .every((h: { status: string }) => h.status === '居住'),
    ).toBe(true);
  });

  it('records the seed in the audit, in the same transaction; the same seed draws the same sample again', async () => {
    await importRegister();
    await draw({ seed: 77 });
    const first = storedLists();
    const again = await draw({ seed: 77 });
    expect(again.json().replacedSeed).toBe(77);
    expect(storedLists()).toEqual(first);
    const audits = app.db
      .prepare("SELECT actor_user_id, target, detail FROM audit WHERE action = 'sample_drawn'")
      .all() as { actor_user_id: string; target: string; detail: string }[];
    expect(audits).toHaveLength(2);
    expect(audits[0]?.actor_user_id).toBe(coordinator.userId);
    expect(JSON.parse(audits[1]?.detail ?? '{}')).toEqual({
      seed: 77,
      frame: 40,
      size: 12,
      reserveSize: 4,
      replacedSeed: 77,
    });
  });

  it('replaces the sample on a redraw, and picks a seed itself when none is given', async () => {
    await importRegister();
    await draw({ seed: 1 });
    const before = storedLists();
    const res = await draw();
    expect(res.statusCode).toBe(200);
    const { seed } = res.json();
    expect(Number.isInteger(seed)).toBe(true);
    expect(res.json().replacedSeed).toBe(1);
    const after = storedLists();
    expect(after).toHaveLength(16);
    expect(after).not.toEqual(before);
    expect(
      app.db
        .prepare("SELECT seed FROM community_samples WHERE community_code = 'DEMO01'")
        .pluck()
        .get(),
    ).toBe(seed);
  });

  it('shows on the dashboard how many counted households came from the sample and the reserve', async () => {
    await importRegister();
    await draw({ seed: 5 });
    const lists = storedLists() as { list: string; key: string }[];
    const sampled = lists.filter((l) => l.list === 'sample').slice(0, 2);
    const reserve = lists.find((l) => l.list === 'reserve');
    const outside = '九亭小区·100弄14号210室';
    const inSample = lists.some((l) => l.key === outside);
    await syncItems(app, canvasser, [
      ...sampled.map((l) => sampleSurvey({ householdAddress: l.key })),
      sampleSurvey({ householdAddress: reserve?.key }),
      ...(inSample ? [] : [sampleSurvey({ householdAddress: outside })]),
    ]);
    const coverage = await call(coordinator, 'GET', '/api/coverage');
    const row = coverage.json().communities.find((c: { code: string }) => c.code === 'DEMO01');
    expect(row.sample).toMatchObject({
      seed: 5,
      size: 12,
      reserveSize: 4,
      countedSample: 2,
      countedReserve: 1,
    });
  });

  it('is for coordinators and admins, needs a register with 居住 households, and checks the seed', async () => {
    expect((await draw({}, canvasser)).statusCode).toBe(403);
    const none = await draw();
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ error: 'sample_no_register' });
    expect(none.json().message).toMatch(/户册/);
    expect(
      app.db.prepare("SELECT count(*) FROM audit WHERE action = 'sample_drawn'").pluck().get(),
    ).toBe(0);
    await importRegister();
    const bad = await draw({ seed: -3 });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toMatch(/随机种子/);
    const unknown = await call(coordinator, 'POST', '/api/communities/NOPE/sample', {});
    expect(unknown.statusCode).toBe(404);
    const admin = await loginAs(app, 'admin');
    expect((await draw({ seed: 3 }, admin)).statusCode).toBe(200);
  });
});
