import { scoreSurvey } from '@jiuting/questionnaire';
import { FULL_MARKS_ANSWERS, sampleInterview, sampleSurvey } from '@jiuting/questionnaire/testing';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  buildTestApp,
  CLIENT_HEADERS,
  importCommunities,
  type LoggedIn,
  loginAs,
  syncItems,
} from '../../testing.ts';

// Each export starts a worker thread that loads the TypeScript sources through tsx: seconds
// apiece on a loaded machine, and some tests here download three files.
vi.setConfig({ testTimeout: 30_000 });

const HEADER_ROW = 2;
// q3–q9 = A B C D C B A → 10 + 10 + 11 + 15 + 10 + 12 + 10 = 78 (附件1's 得分说明).
const MIXED_ANSWERS = {
  ...FULL_MARKS_ANSWERS,
  q3: 'A',
  q4: 'B',
  q5: 'C',
  q6: 'D',
  q7: 'C',
  q8: 'B',
  q9: 'A',
};
const FORMULA = '=HYPERLINK("http://evil.example","点我")';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;
let canvasser: LoggedIn;
let interviewer: LoggedIn;

const mixed = sampleSurvey({
  communityCode: 'E1',
  householdAddress: '1号楼101室',
  answers: { ...MIXED_ANSWERS, q12: FORMULA },
});
const repeat = sampleSurvey({ communityCode: 'E1', householdAddress: '1-101' });
const full = sampleSurvey({ communityCode: 'E1', householdAddress: '2号楼201室' });
const dropped = sampleSurvey({ communityCode: 'E2', householdAddress: '5号楼501室' });
const kept = sampleSurvey({
  communityCode: 'E2',
  householdAddress: '6号楼601室',
  answers: MIXED_ANSWERS,
});
const talk = sampleInterview({ communityCode: 'E1', view: 'B', problems: '+cmd|/c calc' });

const get = async (url: string, who: LoggedIn = coordinator) =>
  app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

async function workbookFrom(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  return workbook;
}

function headers(sheet: ExcelJS.Worksheet): string[] {
  return (sheet.getRow(HEADER_ROW).values as unknown[]).slice(1).map(String);
}

/** Data rows as objects keyed by header. */
function rowsOf(workbook: ExcelJS.Workbook, name: string): Record<string, unknown>[] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const names = headers(sheet);
  const rows: Record<string, unknown>[] = [];
  for (let r = HEADER_ROW + 1; r <= sheet.rowCount; r += 1) {
    const values = (sheet.getRow(r).values as unknown[]).slice(1);
    rows.push(Object.fromEntries(names.map((h, i) => [h, values[i] ?? null])));
  }
  return rows;
}

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({
    seedDemoCommunities: false,
    now: () => new Date('2026-11-27T10:30:00Z'),
  }));
  coordinator = await loginAs(app, 'coordinator');
  await importCommunities(
    app,
    coordinator,
    'code,name,type,totalHouseholds,liaisonLeader\nE1,导出一居,导入居,6,甲\nE2,导出村居,村改居,40,乙\n',
  );
  canvasser = await loginAs(app, 'canvasser', ['E1', 'E2']);
  interviewer = await loginAs(app, 'interviewer', ['E1']);
  for (const [who, items] of [
    [canvasser, [mixed, repeat, full, dropped, kept]],
    [interviewer, [talk]],
  ] as const) {
    const res = await syncItems(app, who, items);
    for (const r of res.json().results) expect(r.status).toBe('accepted');
  }
  const marked = await app.inject({
    method: 'POST',
    url: `/api/review/responses/${dropped.id}/invalidate`,
    headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
    payload: { reason: '误录' },
  });
  expect(marked.statusCode).toBe(200);
});
afterEach(async () => cleanup());

describe('GET /api/exports/assessment.xlsx', () => {
  it('downloads a workbook whose 汇总 figures equal /api/coverage for every community', async () => {
    const res = await get('/api/exports/assessment.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('九亭镇满意度测评_20261127-1830.xlsx')}`,
    );
    const workbook = await workbookFrom(res.rawPayload);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '汇总',
      '问卷明细',
      '访谈记录',
      '问题与建议',
      '户册核对',
      '走访记录',
    ]);

    const coverage = (await get('/api/coverage')).json();
    const summary = rowsOf(workbook, '汇总');
    for (const c of coverage.communities) {
      const row = summary.find((r) => r.居民区编号 === c.code);
      expect(row).toMatchObject({
        居民区: c.name,
        类型: c.type,
        总户数: c.totalHouseholds,
        已调查户数: c.surveyedHouseholds,
        覆盖率: c.coverage,
        问卷数: c.responses,
        重复户问卷数: c.repeats,
        访谈总数: c.interviews.total,
        '满意度得分（满分30）': c.satisfactionPoints,
      });
    }
    // Worked out by hand: E1 counts 1号楼101室 (78) and 2号楼201室 (100) of 6 households.
    expect(summary.find((r) => r.居民区编号 === 'E1')).toMatchObject({
      已调查户数: 2,
      问卷数: 3,
      重复户问卷数: 1,
      '问卷平均分（满分100）': 89,
      '满意度得分（满分30）': 26.7,
    });
    // E2's first response is invalid: one household of 40 is left.
    expect(summary.find((r) => r.居民区编号 === 'E2')).toMatchObject({
      已调查户数: 1,
      覆盖率: 1 / 40,
    });
  });

  it('lists only counted responses in 问卷明细, each with its points, and the invalid one nowhere', async () => {
    const workbook = await workbookFrom((await get('/api/exports/assessment.xlsx')).rawPayload);
    const details = rowsOf(workbook, '问卷明细');
    expect(details.map((r) => r.记录编号).sort()).toEqual([mixed.id, full.id, kept.id].sort());
    const row = details.find((r) => r.记录编号 === mixed.id);
    const points = scoreSurvey(MIXED_ANSWERS as Parameters<typeof scoreSurvey>[0]);
    expect(points.total).toBe(78);
    expect(row).toMatchObject({
      居民区: '导出一居',
      采集员: canvasser.username,
      问卷总分: 78,
      第4题得分: 10,
      第5题得分: 11,
    });
    // A resident's formula stays a plain string cell.
    const sheet = workbook.getWorksheet('问卷明细');
    const q12Column = headers(sheet as ExcelJS.Worksheet).findIndex((h) => h.startsWith('12.')) + 1;
    const mixedRow = (sheet as ExcelJS.Worksheet).getRow(
      HEADER_ROW + 1 + details.findIndex((r) => r.记录编号 === mixed.id),
    );
    expect(mixedRow.getCell(q12Column).value).toBe(FORMULA);
    expect(mixedRow.getCell(q12Column).formula).toBeUndefined();
    expect(rowsOf(workbook, '访谈记录')).toEqual([
      expect.objectContaining({ 记录编号: talk.id, 访谈员: interviewer.username }),
    ]);
  });

  it('writes an audit row for each export naming who, which file and how many records', async () => {
    await get('/api/exports/assessment.xlsx');
    await get('/api/exports/summary.csv');
    const exports = app.repos.audit.list().filter((a) => a.action === 'export');
    expect(exports.map((a) => [a.actorUserId, a.target, a.detail])).toEqual([
      [
        coordinator.userId,
        '九亭镇满意度测评_汇总_20261127-1830.csv',
        { communities: 2, responses: 3, interviews: 1, year: 2025 },
      ],
      [
        coordinator.userId,
        '九亭镇满意度测评_20261127-1830.xlsx',
        { communities: 2, responses: 3, interviews: 1, year: 2025 },
      ],
    ]);
  });

  it('answers a Chinese 422 naming the record when a stored answer cannot be scored', async () => {
    const broken = JSON.parse(
      app.db.prepare('SELECT content FROM responses WHERE id = ?').pluck().get(full.id) as string,
    );
    broken.answers.q3 = 'Z';
    app.db
      .prepare('UPDATE responses SET content = ? WHERE id = ?')
      .run(JSON.stringify(broken), full.id);
    const res = await get('/api/exports/assessment.xlsx');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error: 'export_unscorable',
      message: `导出失败：问卷 ${full.id} 的答案无法计分，请先核对该记录`,
    });
    expect(app.repos.audit.list().filter((a) => a.action === 'export')).toEqual([]);
  });
});

describe('GET /api/exports/<sheet>.csv', () => {
  it('serves each sheet by its Chinese or ASCII name with a BOM and formulas neutralised', async () => {
    const res = await get(`/api/exports/${encodeURIComponent('问卷明细')}.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.body.startsWith('\uFEFF居民区编号,')).toBe(true);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
    const interviews = await get('/api/exports/interviews.csv');
    expect(interviews.body).toContain("'+cmd|/c calc");
    const summary = await get('/api/exports/summary.csv');
    expect(summary.body.split('\r\n')[1]).toMatch(/^E1,导出一居,导入居,6,2,33\.3%,是,0,3,1,1,/);
  });

  it('answers 404 with the files it has for an unknown sheet', async () => {
    const res = await get('/api/exports/secrets.csv');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('assessment.xlsx');
  });

  it("answers 404, not 500, for names of an object's built-in members", async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const res = await get(`/api/exports/${name}.csv`);
      expect(res.statusCode, name).toBe(404);
      expect(res.json().error, name).toBe('not_found');
    }
  });
});

describe('who may export', () => {
  it('refuses canvassers and interviewers (403) and anyone signed out (401), and audits nothing', async () => {
    for (const who of [canvasser, interviewer]) {
      expect((await get('/api/exports/assessment.xlsx', who)).statusCode).toBe(403);
      expect((await get('/api/exports/summary.csv', who)).json().error).toBe('forbidden');
    }
    expect(
      (await app.inject({ method: 'GET', url: '/api/exports/assessment.xlsx' })).statusCode,
    ).toBe(401);
    expect(app.repos.audit.list().filter((a) => a.action === 'export')).toEqual([]);
  });
});
