import { householdKey } from '@jiuting/questionnaire';
import { sampleSurvey, sampleVisit } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs, syncItems } from '../../testing.ts';

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

const REGISTER = [
  '小区/自然村,路,弄,号,单元,室,状态',
  '九亭小区,涞寅路,100,12,1,301,居住',
  '九亭小区,涞寅路,100,12,1,302,居住',
  '九亭小区,涞寅路,100,12,1,303,居住',
  '九亭小区,涞寅路,100,12,1,304,居住',
  '九亭小区,涞寅路,100,12,1,305,居住',
  '九亭小区,涞寅路,100,2,,101,居住',
  '九亭小区,涞寅路,100,12,1,306,空置',
  '新姚村,,,3组25,,,',
  '新姚村,,,3组26,,,非住宅',
].join('\r\n');

function call(who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return app.inject({
    method,
    url,
    headers: { ...CLIENT_HEADERS, cookie: who.cookie },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function importRegister(code = 'DEMO01') {
  const res = await call(coordinator, 'POST', `/api/communities/${code}/register/import`, {
    file: { name: '户册.csv', base64: Buffer.from(REGISTER).toString('base64') },
  });
  expect(res.statusCode, res.body).toBe(200);
}

const statuses = (res: { json(): { results: { status: string }[] } }) =>
  res.json().results.map((r) => r.status);

interface ListedHousehold {
  key: string;
  address: string;
  state: string;
  status: string;
  lastVisitAt: string | null;
  sample: { list: string; rank: number } | null;
}

async function visitList(who: LoggedIn = canvasser, code = 'DEMO01') {
  const res = await call(who, 'GET', `/api/communities/${code}/visit-list`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  return {
    ...body,
    byKey: new Map<string, ListedHousehold>(
      body.households.map((h: ListedHousehold) => [h.key, h]),
    ),
  };
}

async function coverageOf(code: string) {
  const res = await call(coordinator, 'GET', '/api/coverage');
  return res.json().communities.find((c: { code: string }) => c.code === code);
}

describe('visit outcomes through POST /api/sync', () => {
  it('stores a canvasser’s 不在家 once: a resend is a duplicate', async () => {
    const item = sampleVisit();
    expect(statuses(await syncItems(app, canvasser, [item]))).toEqual(['accepted']);
    expect(statuses(await syncItems(app, canvasser, [item]))).toEqual(['duplicate']);
    expect(app.db.prepare('SELECT count(*) FROM visits').pluck().get()).toBe(1);
    const row = app.db
      .prepare('SELECT household_key, outcome, assessment_year, user_id FROM visits')
      .get();
    expect(row).toEqual({
      household_key: '九亭小区·100弄12号1单元301室',
      outcome: 'not_home',
      assessment_year: 2025,
      user_id: canvasser.userId,
    });
  });

  it('answers the same id with another outcome as a conflict, keeps the first and lists it', async () => {
    const item = sampleVisit();
    await syncItems(app, canvasser, [item]);
    const res = await syncItems(app, canvasser, [{ ...item, outcome: 'refused' }]);
    expect(res.json().results[0]).toMatchObject({
      status: 'conflict',
      error: { error: 'id_conflict' },
    });
    expect(app.db.prepare('SELECT outcome FROM visits').pluck().all()).toEqual(['not_home']);
    const conflicts = await call(coordinator, 'GET', '/api/sync-conflicts');
    expect(conflicts.json().items).toEqual([
      expect.objectContaining({ id: item.id, kind: 'visit', communityCode: 'DEMO01' }),
    ]);
  });

  it('treats an id already used by a survey as a conflict, not a second record', async () => {
    const survey = sampleSurvey({ communityCode: 'DEMO01' });
    await syncItems(app, canvasser, [survey]);
    const res = await syncItems(app, canvasser, [sampleVisit({ id: survey.id })]);
    expect(statuses(res)).toEqual(['conflict']);
    expect(app.db.prepare('SELECT count(*) FROM visits').pluck().get()).toBe(0);
  });

  it('rejects a visit for a community the canvasser is not assigned to, and a bad outcome', async () => {
    const res = await syncItems(app, canvasser, [
      sampleVisit({ communityCode: 'DEMO02' }),
      sampleVisit({ outcome: 'moved' }),
    ]);
    const [other, bad] = res.json().results;
    expect(other).toMatchObject({ status: 'rejected', error: { error: 'community_not_assigned' } });
    expect(bad).toMatchObject({
      status: 'rejected',
      error: {
        error: 'validation_failed',
        issues: [{ path: 'outcome', message: '请选择走访结果（不在家、拒访或空置）' }],
      },
    });
  });

  it('lets an interviewer file visits too, but not a department scorer', async () => {
    const interviewer = await loginAs(app, 'interviewer', ['DEMO01']);
    expect(statuses(await syncItems(app, interviewer, [sampleVisit()]))).toEqual(['accepted']);
    const scorer = await loginAs(app, 'department_scorer');
    const res = await syncItems(app, scorer, [sampleVisit()]);
    expect(res.statusCode).toBe(403);
  });

  it('never counts a visit toward coverage', async () => {
    await importRegister();
    const before = await coverageOf('DEMO01');
    await syncItems(app, canvasser, [
      sampleVisit({ outcome: 'not_home' }),
      sampleVisit({ outcome: 'refused', householdAddress: '九亭小区·100弄12号1单元302室' }),
      sampleVisit({ outcome: 'vacant', householdAddress: '九亭小区·100弄12号1单元303室' }),
    ]);
    const after = await coverageOf('DEMO01');
    expect(after.surveyedHouseholds).toBe(before.surveyedHouseholds);
    expect(after.responses).toBe(before.responses);
    expect(after.shortfall).toBe(before.shortfall);
  });
});

describe('visit outcomes in an outbox file', () => {
  it('are credited to the collector the file names, and a second load adds nothing', async () => {
    const file = {
      format: 'jiuting-outbox',
      version: 1,
      exportedAt: '2025-11-21T09:00:00+08:00',
      exportedBy: canvasser.username,
      items: [
        sampleVisit(),
        sampleVisit({ outcome: 'vacant', householdAddress: '新姚村·3组25号' }),
      ],
    };
    const first = await call(coordinator, 'POST', '/api/outbox-import', file);
    expect(first.statusCode, first.body).toBe(200);
    expect(statuses(first)).toEqual(['accepted', 'accepted']);
    const again = await call(coordinator, 'POST', '/api/outbox-import', file);
    expect(statuses(again)).toEqual(['duplicate', 'duplicate']);
    expect(app.db.prepare('SELECT DISTINCT user_id || source FROM visits').pluck().all()).toEqual([
      `${canvasser.userId}outbox`,
    ]);
  });
});

describe('GET /api/communities/:code/visit-list', () => {
  it('answers registered: false with no households for a community without a register', async () => {
    const body = await visitList();
    expect(body).toMatchObject({
      communityCode: 'DEMO01',
      registered: false,
      sample: null,
      households: [],
    });
    expect(typeof body.generatedAt).toBe('string');
  });

  it('shows every state: counted, resident QR, each outcome and unvisited', async () => {
    await importRegister();
    await syncItems(app, canvasser, [
      sampleSurvey({ householdAddress: '九亭小区·100弄12号1单元301室' }),
      sampleVisit({ householdAddress: '九亭小区·100弄12号1单元302室', outcome: 'not_home' }),
      sampleVisit({ householdAddress: '九亭小区·100弄12号1单元303室', outcome: 'refused' }),
      sampleVisit({ householdAddress: '九亭小区·100弄12号1单元304室', outcome: 'vacant' }),
      // Counted wins over an earlier 不在家 at the same door.
      sampleVisit({
        householdAddress: '新姚村·3组25号',
        outcome: 'not_home',
        collectedAt: '2025-11-19T10:00:00+08:00',
      }),
      sampleSurvey({
        householdAddress: '新姚村·3组25号',
        collectedAt: '2025-11-20T11:00:00+08:00',
      }),
    ]);
    // A resident's answer through the QR poster.
    await app.ingest(
      [sampleSurvey({ householdAddress: '九亭小区·100弄2号101室', channel: 'qr' })],
      {
        receivedAt: app.now().toISOString(),
        userId: null,
        sessionId: null,
        source: 'qr',
        exportedBy: null,
        communities: 'all',
        kinds: new Set(['survey']),
      },
      { warn() {}, error() {} },
    );
    const { byKey, registered, households } = await visitList();
    expect(registered).toBe(true);
    expect(households).toHaveLength(9);
    const state = (key: string) => byKey.get(key)?.state;
    expect(state('九亭小区·100弄12号1单元301室')).toBe('counted');
    expect(state('九亭小区·100弄12号1单元302室')).toBe('not_home');
    expect(state('九亭小区·100弄12号1单元303室')).toBe('refused');
    expect(state('九亭小区·100弄12号1单元304室')).toBe('vacant');
    expect(state('九亭小区·100弄12号1单元305室')).toBe('unvisited');
    expect(state('九亭小区·100弄2号101室')).toBe('resident_qr');
    expect(state('新姚村·3组25号')).toBe('counted');
    expect(byKey.get('新姚村·3组25号')?.lastVisitAt).toBe('2025-11-20T11:00:00+08:00');
    expect(byKey.get('九亭小区·100弄12号1单元305室')?.lastVisitAt).toBeNull();
    expect(byKey.get('九亭小区·100弄12号1单元306室')?.status).toBe('空置');
    expect(byKey.get('新姚村·3组26号')?.status).toBe('非住宅');
  });

  it('gives each household an address that reads back as its key, with the register’s parts', async () => {
    await importRegister();
    const { households } = await visitList();
    for (const h of households as ListedHousehold[]) expect(householdKey(h.address)).toBe(h.key);
    expect(households[0]).toMatchObject({
      key: '九亭小区·100弄2号101室',
      area: '九亭小区',
      road: '涞寅路',
      lane: '100',
      building: '100弄2号',
      unit: '',
      room: '101',
      address: '九亭小区·涞寅路100弄2号101室',
    });
  });

  it('takes the latest outcome by collection time, whatever order the phones sent them in', async () => {
    await importRegister();
    const address = '九亭小区·100弄12号1单元302室';
    await syncItems(app, canvasser, [
      sampleVisit({
        householdAddress: address,
        outcome: 'refused',
        collectedAt: '2025-11-21T02:00:00Z',
      }),
    ]);
    // Sent later from another phone, collected earlier (in another offset).
    await syncItems(app, canvasser, [
      sampleVisit({
        householdAddress: address,
        outcome: 'not_home',
        collectedAt: '2025-11-21T09:30:00+08:00',
      }),
    ]);
    const { byKey } = await visitList();
    expect(byKey.get('九亭小区·100弄12号1单元302室')).toMatchObject({
      state: 'refused',
      lastVisitAt: '2025-11-21T02:00:00Z',
    });
  });

  it('lists the sample first by rank, then the reserve by rank, then the rest by address', async () => {
    await importRegister();
    app.db
      .prepare(
        `INSERT INTO community_samples (community_code, seed, drawn_at, drawn_by, frame, size,
           reserve_size) VALUES ('DEMO01', 42, '2025-11-01T00:00:00.000Z', NULL, 7, 2, 1)`,
      )
      .run();
    const add = app.db.prepare(
      `INSERT INTO sample_households (community_code, household_key, list, rank)
       VALUES ('DEMO01', ?, ?, ?)`,
    );
    add.run('九亭小区·100弄12号1单元304室', 'sample', 2);
    add.run('新姚村·3组25号', 'sample', 1);
    add.run('九亭小区·100弄12号1单元301室', 'reserve', 1);
    const { households, sample } = await visitList();
    expect(sample).toEqual({
      drawnAt: '2025-11-01T00:00:00.000Z',
      seed: 42,
      size: 2,
      reserveSize: 1,
    });
    expect(households.map((h: ListedHousehold) => [h.key, h.sample])).toEqual([
      ['新姚村·3组25号', { list: 'sample', rank: 1 }],
      ['九亭小区·100弄12号1单元304室', { list: 'sample', rank: 2 }],
      ['九亭小区·100弄12号1单元301室', { list: 'reserve', rank: 1 }],
      ['九亭小区·100弄2号101室', null],
      ['九亭小区·100弄12号1单元302室', null],
      ['九亭小区·100弄12号1单元303室', null],
      ['九亭小区·100弄12号1单元305室', null],
      ['九亭小区·100弄12号1单元306室', null],
      ['新姚村·3组26号', null],
    ]);
  });

  it('is for the community’s assigned field staff, coordinators and admins only', async () => {
    await importRegister();
    const other = await loginAs(app, 'canvasser', ['DEMO02']);
    const refused = await call(other, 'GET', '/api/communities/DEMO01/visit-list');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'visit_list_not_assigned' });
    expect(refused.json().message).toMatch(/走访名单/);
    const interviewer = await loginAs(app, 'interviewer', ['DEMO01']);
    expect((await call(interviewer, 'GET', '/api/communities/DEMO01/visit-list')).statusCode).toBe(
      200,
    );
    expect((await visitList(coordinator)).households).toHaveLength(9);
    const admin = await loginAs(app, 'admin');
    expect((await call(admin, 'GET', '/api/communities/DEMO01/visit-list')).statusCode).toBe(200);
    const scorer = await loginAs(app, 'department_scorer');
    expect((await call(scorer, 'GET', '/api/communities/DEMO01/visit-list')).statusCode).toBe(403);
  });

  it('answers 404 for a community that does not exist', async () => {
    const res = await call(coordinator, 'GET', '/api/communities/NOPE/visit-list');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'community_not_found' });
  });
});

describe('visits on the dashboard (GET /api/coverage)', () => {
  it('counts visits by outcome per community and per collector, and the 回访 households', async () => {
    await importRegister();
    const other = await loginAs(app, 'canvasser', ['DEMO01']);
    await syncItems(app, canvasser, [
      // 不在家, then counted on a second visit: not 回访.
      sampleVisit({ householdAddress: '九亭小区·100弄12号1单元301室', outcome: 'not_home' }),
      sampleSurvey({ householdAddress: '九亭小区·100弄12号1单元301室' }),
      // 不在家 twice: one 回访 household.
      sampleVisit({ householdAddress: '九亭小区·100弄12号1单元302室', outcome: 'not_home' }),
      sampleVisit({
        householdAddress: '九亭小区·100弄12号1单元302室',
        outcome: 'not_home',
        collectedAt: '2025-11-21T10:00:00+08:00',
      }),
      // 不在家, then 拒访: its latest is 拒访, not 回访.
      sampleVisit({ householdAddress: '九亭小区·100弄12号1单元303室', outcome: 'not_home' }),
      sampleVisit({
        householdAddress: '九亭小区·100弄12号1单元303室',
        outcome: 'refused',
        collectedAt: '2025-11-21T10:00:00+08:00',
      }),
    ]);
    // A colleague who only met closed doors still shows up.
    await syncItems(app, other, [
      sampleVisit({ householdAddress: '九亭小区·100弄12号1单元304室', outcome: 'vacant' }),
    ]);
    const res = await call(coordinator, 'GET', '/api/coverage');
    const body = res.json();
    const row = body.communities.find((c: { code: string }) => c.code === 'DEMO01');
    expect(row.visits).toEqual({ notHome: 4, refused: 1, vacant: 1, revisit: 1 });
    expect(row.surveyedHouseholds).toBe(1);
    expect(body.town.visits).toEqual({ notHome: 4, refused: 1, vacant: 1, revisit: 1 });
    const byUser = new Map(
      body.collectors.map((c: { userId: string; visits: unknown }) => [c.userId, c.visits]),
    );
    expect(byUser.get(canvasser.userId)).toEqual({ notHome: 4, refused: 1, vacant: 0 });
    expect(byUser.get(other.userId)).toEqual({ notHome: 0, refused: 0, vacant: 1 });
    const empty = body.communities.find((c: { code: string }) => c.code === 'DEMO02');
    expect(empty.visits).toEqual({ notHome: 0, refused: 0, vacant: 0, revisit: 0 });
    expect(empty.sample).toBeNull();
  });

  it('shows a canvasser only their own visits among the collectors', async () => {
    const other = await loginAs(app, 'canvasser', ['DEMO01']);
    await syncItems(app, other, [sampleVisit()]);
    await syncItems(app, canvasser, [sampleVisit({ outcome: 'refused' })]);
    const res = await call(canvasser, 'GET', '/api/coverage');
    expect(res.json().collectors).toEqual([
      expect.objectContaining({
        userId: canvasser.userId,
        visits: { notHome: 0, refused: 1, vacant: 0 },
      }),
    ]);
  });
});

describe('visits in the export', () => {
  it('lists each visit on the sheet 走访记录 by household key, and sums them on 汇总', async () => {
    await importRegister();
    await syncItems(app, canvasser, [
      sampleVisit({ householdAddress: '九亭小区·涞寅路100弄12号1单元302室', outcome: 'not_home' }),
      sampleVisit({ householdAddress: '新姚村·3组25号', outcome: 'vacant' }),
    ]);
    const sheet = await call(
      coordinator,
      'GET',
      `/api/exports/${encodeURIComponent('走访记录')}.csv`,
    );
    expect(sheet.statusCode).toBe(200);
    const lines = sheet.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '居民区编号,居民区,户（门牌）,走访结果,抽样,采集员,走访时间（北京时间）,接收时间（北京时间）,记录编号',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6))).toEqual([
      [
        'DEMO01',
        expect.any(String),
        '九亭小区·100弄12号1单元302室',
        '不在家',
        '',
        canvasser.username,
      ],
      ['DEMO01', expect.any(String), '新姚村·3组25号', '空置', '', canvasser.username],
    ]);
    // The key, as 问卷明细 shows households; never the road as typed.
    expect(sheet.body).not.toContain('涞寅路');
    const summary = await call(coordinator, 'GET', '/api/exports/summary.csv');
    const [header, ...rows] = summary.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const columns = (header ?? '').split(',');
    const demo = (rows.find((r) => r.startsWith('DEMO01,')) ?? '').split(',');
    const at = (name: string) => demo[columns.indexOf(name)];
    expect(at('走访：不在家')).toBe('1');
    expect(at('走访：空置')).toBe('1');
    expect(at('待回访户数')).toBe('1');
    expect(at('抽样户数')).toBe('');
    // Two exports, each in a worker thread that loads the sources through tsx: seconds apiece.
  }, 30_000);
});
