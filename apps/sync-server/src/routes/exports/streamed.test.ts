import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { FULL_MARKS_ANSWERS, sampleInterview, sampleSurvey } from '@jiuting/questionnaire/testing';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildAssessmentWorkbook, buildCsv, SHEET_NAMES } from '../../exports/index.ts';
import { readExportData } from '../../exports/read-data.ts';
import { reportsRepository } from '../../repositories/reports.ts';
import {
  buildTestApp,
  importCommunities,
  type LoggedIn,
  loginAs,
  syncItems,
} from '../../testing.ts';

// Exports are written row by row from the database to a file and sent from it (never the year
// in memory). The files must hold exactly what building them in memory from the same records
// held, as the export did before: here with more rows than one batch of the streaming writer.
let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;
const GENERATED_AT = new Date('2026-11-27T10:30:00Z');

beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp({ seedDemoCommunities: false, now: () => GENERATED_AT }));
  coordinator = await loginAs(app, 'coordinator');
  await importCommunities(
    app,
    coordinator,
    'code,name,type,totalHouseholds,liaisonLeader\nS1,流式一居,导入居,900,甲\nS2,流式村居,村改居,900,乙\n',
  );
  const canvasser = await loginAs(app, 'canvasser', ['S1', 'S2']);
  const interviewer = await loginAs(app, 'interviewer', ['S1']);
  const answers = [
    FULL_MARKS_ANSWERS,
    { ...FULL_MARKS_ANSWERS, q3: 'B', q10: ['A', 'H'], q10Other: '路灯坏了', q12: '=1+1 停车难' },
    { ...FULL_MARKS_ANSWERS, q9: 'C', q11: ['A', 'G'], q11Other: '多些"篮球场",\n第二行' },
  ];
  for (let batch = 0; batch < 12; batch += 1) {
    const items = Array.from({ length: 100 }, (_, j) => {
      const i = batch * 100 + j;
      return sampleSurvey({
        communityCode: i % 2 === 0 ? 'S1' : 'S2',
        // One household in ten answers twice (the repeat is not exported).
        householdAddress: `${Math.floor(i / 10) % 60}号楼${i % 10 === 9 ? 101 : 200 + i}室`,
        collectedAt: new Date(Date.UTC(2026, 10, 20) + i * 60_000).toISOString(),
        answers: answers[i % answers.length],
      });
    });
    const res = await syncItems(app, canvasser, items);
    expect(res.statusCode).toBe(200);
  }
  await syncItems(app, interviewer, [sampleInterview({ communityCode: 'S1' })]);
}, 120_000);
afterAll(async () => cleanup());

/** The files as built in memory from the records read all at once, as exports were before. */
function inMemoryData() {
  const year = app.repos.years.resolve(undefined);
  const data = readExportData(app.db, year);
  return { ...data, responses: reportsRepository(app.db).countedResponses(year) };
}

async function cellsOf(bytes: Buffer): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return Object.fromEntries(
    workbook.worksheets.map((sheet) => {
      const rows: unknown[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row) => {
        rows.push([row.values, row.font ?? null, row.height ?? null]);
      });
      return [sheet.name, rows];
    }),
  );
}

it('streams the same workbook as building it in memory from the same records', async () => {
  const res = await app.inject({
    method: 'GET',
    url: '/api/exports/assessment.xlsx',
    headers: { cookie: coordinator.cookie },
  });
  expect(res.statusCode).toBe(200);
  expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
  const expected = await buildAssessmentWorkbook(inMemoryData(), { generatedAt: GENERATED_AT });
  const streamed = await cellsOf(res.rawPayload);
  expect(Object.keys(streamed)).toEqual([...SHEET_NAMES]);
  // More rows than the writer's batch, so the sheet is written across many turns.
  expect(streamed.问卷明细?.length).toBeGreaterThan(1000);
  expect(streamed).toEqual(await cellsOf(expected));
}, 60_000);

it('streams each CSV byte for byte as building it in memory, and leaves no file behind', async () => {
  const data = inMemoryData();
  for (const sheet of SHEET_NAMES) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/exports/${encodeURIComponent(sheet)}.csv`,
      headers: { cookie: coordinator.cookie },
    });
    expect(res.statusCode, sheet).toBe(200);
    expect(res.body, sheet).toBe(buildCsv(sheet, data));
    // 问卷明细 is big enough here to be sent while it is still written (so without a length):
    // the bytes above are the ones that path sends.
    if (sheet === '问卷明细') expect(res.headers['content-length']).toBeUndefined();
    else expect(Number(res.headers['content-length']), sheet).toBe(res.rawPayload.length);
  }
  const left = readdirSync(dirname(app.db.name)).filter((name) => name.startsWith('.export-'));
  expect(left).toEqual([]);
}, 60_000);

it('cuts the download short, never sends a finished-looking file, when an answer fails part way', async () => {
  // The last response written (S2's latest) cannot be scored: the first part of the file has
  // already been sent when the export meets it.
  const last = app.db
    .prepare(
      `SELECT id, content FROM responses WHERE community_code = 'S2' AND counted = 1
       ORDER BY seq DESC LIMIT 1`,
    )
    .get() as { id: string; content: string };
  const broken = JSON.parse(last.content);
  broken.answers.q3 = 'Z';
  app.db
    .prepare('UPDATE responses SET content = ? WHERE id = ?')
    .run(JSON.stringify(broken), last.id);
  const exportsBefore = app.repos.audit.list().filter((a) => a.action === 'export').length;
  const download = app.inject({
    method: 'GET',
    url: '/api/exports/responses.csv',
    headers: { cookie: coordinator.cookie },
  });
  // The connection is dropped: a browser shows the download as failed, not as a short file.
  await expect(download).rejects.toMatchObject({ code: 'LIGHT_ECONNRESET' });
  // Records did leave, so the download is audited; and no copy is left on disk.
  const exports = app.repos.audit.list().filter((a) => a.action === 'export');
  expect(exports.length).toBe(exportsBefore + 1);
  const left = readdirSync(dirname(app.db.name)).filter((name) => name.startsWith('.export-'));
  expect(left).toEqual([]);
});
