import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FULL_MARKS_ANSWERS, sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, loginAs, syncItems } from '../testing.ts';
import { buildCsv } from './csv.ts';
import { type ExportJob, exportRunner } from './export-runner.ts';
import { readExportData } from './read-data.ts';

// The compiled server keeps the next export's worker started ahead; from source (the route's
// tests) it starts one per export. Here the kept-warm way runs from source too: export after
// export, and after one that failed, each file must be what the records say.
let app: FastifyInstance;
let cleanup: () => Promise<void>;
let year: number;

beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp());
  const canvasser = await loginAs(app, 'canvasser', ['DEMO01']);
  const items = [FULL_MARKS_ANSWERS, { ...FULL_MARKS_ANSWERS, q12: '=1+1 停车难' }].map(
    (answers, i) =>
      sampleSurvey({ communityCode: 'DEMO01', householdAddress: `${i + 1}号楼101室`, answers }),
  );
  expect((await syncItems(app, canvasser, items)).statusCode).toBe(200);
  year = app.repos.years.resolve(undefined);
}, 60_000);
afterAll(async () => cleanup());

function job(name: string, sheet: ExportJob['sheet']): ExportJob {
  const outPath = join(dirname(app.db.name), `.export-${name}.tmp`);
  rmSync(outPath, { force: true });
  return {
    dbPath: app.db.name,
    format: 'csv',
    sheet,
    generatedAt: new Date().toISOString(),
    year,
    outPath,
  };
}

it('a kept-warm runner writes each file as the records say, export after export and after a failure', async () => {
  const runner = exportRunner({ keepWarm: true });
  try {
    const data = () => readExportData(app.db, year);
    for (const sheet of ['问卷明细', '汇总'] as const) {
      const done = job(sheet, sheet);
      const outcome = await runner.run(done);
      expect(outcome).toEqual({
        ok: true,
        counts: { communities: 27, responses: 2, interviews: 0 },
      });
      expect(readFileSync(done.outPath, 'utf8')).toBe(buildCsv(sheet, data()));
    }
    // A database that is not there: a clean outcome, no file, and the next export still runs.
    const missing = { ...job('missing', '汇总'), dbPath: join(dirname(app.db.name), 'none.db') };
    expect(await runner.run(missing)).toMatchObject({ ok: false });
    expect(existsSync(missing.outPath)).toBe(false);
    const after = job('after', '问卷明细');
    expect(await runner.run(after)).toMatchObject({ ok: true });
    expect(readFileSync(after.outPath, 'utf8')).toBe(buildCsv('问卷明细', data()));
  } finally {
    await runner.close();
  }
}, 60_000);
