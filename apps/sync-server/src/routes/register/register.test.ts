import { LOWEST_MARKS_ANSWERS, sampleSurvey } from '@jiuting/questionnaire/testing';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
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

const HEADER = '小区/自然村,路,弄,号,单元,室,状态';
const REGISTER = [
  HEADER,
  '九亭小区,涞寅路,100,12,,301,居住',
  '九亭小区,涞寅路,200,12,,301,居住',
  '九亭小区,涞寅路,200,12,,302,空置',
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

const importFile = (name: string, bytes: Uint8Array | Buffer, code = 'DEMO01') =>
  call(coordinator, 'POST', `/api/communities/${code}/register/import`, {
    file: { name, base64: Buffer.from(bytes).toString('base64') },
  });

async function coverageOf(code: string) {
  const res = await call(coordinator, 'GET', '/api/coverage');
  return res.json().communities.find((c: { code: string }) => c.code === code);
}

const survey = (householdAddress: string, channel = 'door') =>
  sampleSurvey({ communityCode: 'DEMO01', householdAddress, channel });

describe('importing a household register', () => {
  it('reads a UTF-8 CSV and counts coverage over its 居住 households only', async () => {
    const res = await importFile('户册.csv', new TextEncoder().encode(REGISTER));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      households: 5,
      added: 5,
      updated: 0,
      removed: 0,
      keptWithResponses: 0,
    });
    await syncItems(app, canvasser, [
      survey('九亭小区·100弄12号301室'),
      survey('九亭小区·200弄12号301室'),
      survey('新姚村·3组25号'),
    ]);
    const row = await coverageOf('DEMO01');
    // 3 居住 households (the vacant flat and the shop are not in the denominator), all counted.
    expect(row).toMatchObject({ totalHouseholds: 3, surveyedHouseholds: 3, coverage: 1 });
    expect(row.register).toEqual({ outside: 0 });
    // The grid: each building's counted households over its 居住 households.
    const grid = (await call(coordinator, 'GET', '/api/communities/DEMO01/register')).json();
    expect(grid.buildings).toEqual([
      { area: '九亭小区', building: '100弄12号', households: 1, counted: 1 },
      { area: '九亭小区', building: '200弄12号', households: 1, counted: 1 },
      { area: '新姚村', building: '3组25号', households: 1, counted: 1 },
    ]);
    expect(grid.spread).toMatchObject({ buildings: 3, buildingShare: 1, narrow: false });
    // A community without a register keeps its typed total and says so.
    expect((await coverageOf('DEMO02')).register).toBeNull();
  });

  it('reads the same register saved by Chinese Excel in GBK, and as an .xlsx', async () => {
    const gbk = await importFile('户册.csv', iconv.encode(REGISTER, 'gbk'));
    expect(gbk.json()).toMatchObject({ households: 5, added: 5 });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('户册');
    for (const line of REGISTER.split('\r\n')) sheet.addRow(line.split(','));
    const xlsx = await importFile(
      '户册.xlsx',
      Buffer.from(await workbook.xlsx.writeBuffer()),
      'DEMO02',
    );
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.json()).toMatchObject({ households: 5, added: 5 });
    expect((await coverageOf('DEMO02')).totalHouseholds).toBe(3);
  });

  it('names every bad line, duplicates included, and imports nothing', async () => {
    const bad = [
      HEADER,
      '九亭小区,,100,12,,301,',
      ',,100,12,,302,',
      '九亭小区,,100,12号楼,,,',
      '九亭小区,,100,12,,0301,',
      '九亭小区,,100,12,,303,出租',
      '九亭小区,,100,13812345678,,303,',
    ].join('\n');
    const res = await importFile('户册.csv', new TextEncoder().encode(bad));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('csv_invalid');
    expect(res.json().issues).toEqual([
      { path: '第3行', message: '小区/自然村不能为空' },
      { path: '第4行', message: '无法识别门牌：请写明号（楼号或门牌号），楼房请写室号' },
      { path: '第5行', message: '与第2行是同一户（九亭小区·100弄12号301室）' },
      { path: '第6行', message: '状态应为“居住”“空置”或“非住宅”（可空，空为居住）' },
      { path: '第7行', message: '户册只记地址，不能包含手机号码或身份证号码' },
    ]);
    expect((await coverageOf('DEMO01')).register).toBeNull();
  });

  it('re-imports in place and keeps, flagged, a household that has a response', async () => {
    await importFile('户册.csv', new TextEncoder().encode(REGISTER));
    await syncItems(app, canvasser, [survey('九亭小区·100弄12号301室')]);
    const corrected = [
      HEADER,
      '九亭小区,涞寅路,200,12,,301,居住',
      '九亭小区,涞寅路,200,12,,302,居住',
      '新姚村,,,3组25,,,居住',
    ].join('\n');
    const res = await importFile('户册.csv', new TextEncoder().encode(corrected));
    expect(res.json()).toEqual({
      households: 3,
      added: 0,
      updated: 3,
      removed: 1,
      keptWithResponses: 1,
    });
    // 3 in the file plus the kept one, which still counts.
    expect(await coverageOf('DEMO01')).toMatchObject({ totalHouseholds: 4, surveyedHouseholds: 1 });
    const flagged = app.db
      .prepare(
        'SELECT household_key FROM register_households WHERE missing_from_file_at IS NOT NULL',
      )
      .pluck()
      .all();
    expect(flagged).toEqual(['九亭小区·100弄12号301室']);
    expect(app.repos.audit.list()[0]).toMatchObject({
      action: 'register_imported',
      target: 'DEMO01',
    });
  });

  it('offers a template that imports as it is', async () => {
    const template = await call(coordinator, 'GET', '/api/register/template');
    expect(template.headers['content-type']).toContain('text/csv');
    const res = await importFile('户册模板.csv', template.rawPayload);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('is for coordinators and admins only', async () => {
    const res = await call(canvasser, 'POST', '/api/communities/DEMO01/register/import', {
      csv: REGISTER,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("a community's areas for the address form", () => {
  it('come with the communities a canvasser gets, from the register, and are empty without one', async () => {
    await importFile('户册.csv', new TextEncoder().encode(REGISTER));
    const mine = (await call(canvasser, 'GET', '/api/communities')).json().communities;
    expect(mine.find((c: { code: string }) => c.code === 'DEMO01').areas).toEqual([
      '九亭小区',
      '新姚村',
    ]);
    const all = (await call(coordinator, 'GET', '/api/communities')).json().communities;
    expect(all.find((c: { code: string }) => c.code === 'DEMO02').areas).toEqual([]);
  });
});

describe('册外: responses whose address is not in the register', () => {
  beforeEach(async () => {
    await importFile('户册.csv', new TextEncoder().encode(REGISTER));
    await syncItems(app, canvasser, [
      survey('九亭小区·100弄12号301室'),
      survey('九亭小区·100弄12号401室'),
      survey('九亭小区·100弄12号402室'),
    ]);
  });

  const outsideList = async () =>
    (await call(coordinator, 'GET', '/api/communities/DEMO01/register')).json().outside;

  it('are kept, listed and not counted until reviewed', async () => {
    const outside = await outsideList();
    expect(outside.map((o: { householdKey: string }) => o.householdKey)).toEqual([
      '九亭小区·100弄12号401室',
      '九亭小区·100弄12号402室',
    ]);
    expect(await coverageOf('DEMO01')).toMatchObject({
      surveyedHouseholds: 1,
      register: { outside: 2 },
    });
    expect(app.repos.registers.unreviewedOutsideCount('DEMO01', 2025)).toBe(2);
  });

  it('count once a coordinator adds the address to the register (audited)', async () => {
    const [first] = await outsideList();
    const res = await call(
      coordinator,
      'POST',
      `/api/communities/DEMO01/register/outside/${first.id}`,
      { action: 'add' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(await coverageOf('DEMO01')).toMatchObject({
      totalHouseholds: 4,
      surveyedHouseholds: 2,
      register: { outside: 1 },
    });
    expect(app.repos.audit.list()[0]).toMatchObject({
      action: 'register_household_added',
      target: first.id,
    });
    const again = await call(
      coordinator,
      'POST',
      `/api/communities/DEMO01/register/outside/${first.id}`,
      { action: 'add' },
    );
    expect(again.statusCode).toBe(409);
  });

  it('hold the year’s lock until each is reviewed, or accepted with a reason', async () => {
    expect(
      (await call(coordinator, 'POST', '/api/assessment/years', { year: 2025 })).statusCode,
    ).toBe(200);
    const outsideIssues = async () =>
      (await call(coordinator, 'GET', '/api/assessment/2025/lock-check'))
        .json()
        .issues.filter((i: { kind: string }) => i.kind === 'outside_register_unreviewed');
    expect(await outsideIssues()).toEqual([
      {
        key: 'outside:DEMO01',
        kind: 'outside_register_unreviewed',
        message: '示例01（演示数据）有 2 份册外问卷（地址不在户册中）尚未审核',
        communityCode: 'DEMO01',
        itemId: null,
      },
    ]);
    const [first, second] = await outsideList();
    await call(coordinator, 'POST', `/api/communities/DEMO01/register/outside/${first.id}`, {
      action: 'add',
    });
    await call(coordinator, 'POST', `/api/communities/DEMO01/register/outside/${second.id}`, {
      action: 'invalidate',
      reason: '不是本居民区的门牌',
    });
    expect(await outsideIssues()).toEqual([]);
  });

  it('are listed, with the register households counted or not visited, on the export sheet 户册核对', async () => {
    const res = await call(coordinator, 'GET', '/api/exports/register.csv');
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '居民区编号,居民区,小区/自然村,户（门牌）,核对状态,填写的地址（册外）,记录编号',
    );
    const statusOf = (key: string) =>
      lines.filter((l) => l.split(',')[3] === key).map((l) => l.split(',')[4]);
    expect(statusOf('九亭小区·100弄12号301室')).toEqual(['已计入']);
    expect(statusOf('九亭小区·200弄12号301室')).toEqual(['未访']);
    expect(statusOf('新姚村·3组25号')).toEqual(['未访']);
    // Only 居住 households are the register's denominator; 空置 and 非住宅 are not listed.
    expect(statusOf('九亭小区·200弄12号302室')).toEqual([]);
    const outside = lines.filter((l) => l.split(',')[4] === '册外');
    expect(outside.map((l) => l.split(',').slice(3, 6))).toEqual([
      ['九亭小区·100弄12号401室', '册外', '九亭小区·100弄12号401室'],
      ['九亭小区·100弄12号402室', '册外', '九亭小区·100弄12号402室'],
    ]);
    const byChineseName = await call(
      coordinator,
      'GET',
      `/api/exports/${encodeURIComponent('户册核对')}.csv`,
    );
    expect(byChineseName.body).toBe(res.body);
  });

  it('do not feed the mean score or the 30 points until their address is added', async () => {
    // The register's one counted household scored 100; a low-scoring 册外 response waits.
    const low = sampleSurvey({
      communityCode: 'DEMO01',
      householdAddress: '九亭小区·100弄12号501室',
      answers: LOWEST_MARKS_ANSWERS,
    });
    await syncItems(app, canvasser, [low]);
    const before = await coverageOf('DEMO01');
    expect(before).toMatchObject({ meanSurveyScore: 100, register: { outside: 3 } });
    await call(coordinator, 'POST', `/api/communities/DEMO01/register/outside/${low.id}`, {
      action: 'add',
    });
    const after = await coverageOf('DEMO01');
    expect(after).toMatchObject({ surveyedHouseholds: 2, register: { outside: 2 } });
    expect(after.meanSurveyScore).toBe((100 + 3) / 2);
    expect(after.satisfactionPoints).toBeLessThan(before.satisfactionPoints);
  });

  it('leave the list when a coordinator marks the response invalid (audited)', async () => {
    const [, second] = await outsideList();
    const res = await call(
      coordinator,
      'POST',
      `/api/communities/DEMO01/register/outside/${second.id}`,
      { action: 'invalidate', reason: '不是本居民区的门牌' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect((await outsideList()).map((o: { id: string }) => o.id)).not.toContain(second.id);
    expect(await coverageOf('DEMO01')).toMatchObject({
      totalHouseholds: 3,
      surveyedHouseholds: 1,
      register: { outside: 1 },
    });
    expect(app.repos.audit.list()[0]).toMatchObject({
      action: 'review_invalidated',
      target: `response:${second.id}`,
    });
  });
});

describe('未分区: responses stored before areas', () => {
  const areaOf = (id: string, area: string) =>
    call(coordinator, 'POST', `/api/communities/DEMO01/register/outside/${id}`, {
      action: 'area',
      area,
    });

  it('count once a coordinator assigns their area (audited), and only once per household', async () => {
    await importFile('户册.csv', new TextEncoder().encode(REGISTER));
    await syncItems(app, canvasser, [survey('100弄12号301室'), survey('200弄12号301室')]);
    const [first, second] = (
      await call(coordinator, 'GET', '/api/communities/DEMO01/register')
    ).json().outside;
    expect(first.householdKey).toBe('100弄12号301室');
    expect(await coverageOf('DEMO01')).toMatchObject({
      surveyedHouseholds: 0,
      register: { outside: 2 },
    });

    const res = await areaOf(first.id, '九亭小区');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ householdKey: '九亭小区·100弄12号301室', action: 'area' });
    expect(await coverageOf('DEMO01')).toMatchObject({
      surveyedHouseholds: 1,
      register: { outside: 1 },
    });
    expect(app.repos.audit.list()[0]).toMatchObject({
      action: 'response_area_assigned',
      target: first.id,
    });
    // A second response for the same door, typed with its area after the upgrade: the
    // household already counts, so the moved one and this one are one household.
    await syncItems(app, canvasser, [survey('九亭小区·200弄12号301室')]);
    const secondRes = await areaOf(second.id, '九亭小区');
    expect(secondRes.statusCode, secondRes.body).toBe(200);
    expect(await coverageOf('DEMO01')).toMatchObject({
      surveyedHouseholds: 2,
      responses: 3,
      repeats: 1,
      register: { outside: 0 },
    });
    // The stored summary agrees with a count from the responses themselves.
    expect(
      app.db
        .prepare("SELECT count(*) FROM responses WHERE community_code = 'DEMO01' AND counted = 1")
        .pluck()
        .get(),
    ).toBe(2);
  });

  it('refuses an area for a response that already has one, and an empty area, in Chinese', async () => {
    await importFile('户册.csv', new TextEncoder().encode(REGISTER));
    await syncItems(app, canvasser, [survey('九亭小区·100弄12号401室'), survey('12号301室')]);
    const [withArea, without] = (
      await call(coordinator, 'GET', '/api/communities/DEMO01/register')
    ).json().outside;
    const again = await areaOf(withArea.id, '新姚村');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'area_already_assigned' });
    const empty = await areaOf(without.id, '  ');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请填写小区/自然村');
    expect(app.repos.audit.list()[0]?.action).not.toBe('response_area_assigned');
  });

  it('take their area in a community without a register too, from the areas its other responses name', async () => {
    await syncItems(app, canvasser, [
      survey('100弄12号301室'),
      survey('九亭小区·100弄12号301室'),
      survey('新姚村·3组25号'),
    ]);
    const before = (await call(coordinator, 'GET', '/api/communities/DEMO01/register')).json();
    expect(before.registered).toBe(false);
    expect(before.outside).toEqual([]);
    expect(before.answeredAreas).toEqual(['九亭小区', '新姚村']);
    expect(before.unassigned.map((r: { householdKey: string }) => r.householdKey)).toEqual([
      '100弄12号301室',
    ]);
    // Two keys, so two households, until the coordinator says the old one is in 九亭小区.
    expect(await coverageOf('DEMO01')).toMatchObject({ surveyedHouseholds: 3, repeats: 0 });

    const res = await areaOf(before.unassigned[0].id, '九亭小区');
    expect(res.statusCode, res.body).toBe(200);
    expect(await coverageOf('DEMO01')).toMatchObject({ surveyedHouseholds: 2, repeats: 1 });
    const after = (await call(coordinator, 'GET', '/api/communities/DEMO01/register')).json();
    expect(after.unassigned).toEqual([]);
    expect(app.repos.audit.list()[0]).toMatchObject({
      action: 'response_area_assigned',
      target: before.unassigned[0].id,
    });
    // A response that has its area is not 未分区: nothing to assign.
    const withArea = app.db
      .prepare("SELECT id FROM responses WHERE household_key = '新姚村·3组25号'")
      .pluck()
      .get() as string;
    expect((await areaOf(withArea, '九亭小区')).json()).toMatchObject({
      error: 'area_already_assigned',
    });
  });

  it('are listed as 册外, not twice, once the community has a register', async () => {
    await importFile('户册.csv', new TextEncoder().encode(REGISTER));
    await syncItems(app, canvasser, [survey('100弄12号301室')]);
    const grid = (await call(coordinator, 'GET', '/api/communities/DEMO01/register')).json();
    expect(grid.outside).toHaveLength(1);
    expect(grid.unassigned).toEqual([]);
  });
});
