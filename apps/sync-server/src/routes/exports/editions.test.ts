import { FULL_MARKS_ANSWERS, sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  importCommunities,
  type LoggedIn,
  loginAs,
  syncItems,
} from '../../testing.ts';

// The 2026 example edition (questionnaireVersion 2) changes q4 C: 半年一次（含电话、微信联系）,
// 8 points instead of 附件1's 6. An export labels and scores each row by its own edition.

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;

const answers = { ...FULL_MARKS_ANSWERS, q4: 'C' };
const of2025 = sampleSurvey({ communityCode: 'V1', householdAddress: '1号楼101室', answers });
const of2026 = sampleSurvey({
  communityCode: 'V1',
  householdAddress: '2号楼201室',
  questionnaireVersion: 2,
  collectedAt: '2026-03-01T10:00:00+08:00',
  answers,
});

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({
    seedDemoCommunities: false,
    now: () => new Date('2026-11-27T10:30:00Z'),
  }));
  coordinator = await loginAs(app, 'coordinator');
  await importCommunities(
    app,
    coordinator,
    'code,name,type,totalHouseholds,liaisonLeader\nV1,版本一居,导入居,10,甲\n',
  );
  const canvasser = await loginAs(app, 'canvasser', ['V1']);
  const res = await syncItems(app, canvasser, [of2025, of2026]);
  expect(res.json().results.map((r: { status: string }) => r.status)).toEqual([
    'accepted',
    'accepted',
  ]);
});
afterEach(async () => cleanup());

/** The 问卷明细 CSV rows as objects keyed by header (no field here holds a comma). */
async function responseRows(): Promise<Record<string, string>[]> {
  const res = await app.inject({
    method: 'GET',
    url: '/api/exports/responses.csv',
    headers: { cookie: coordinator.cookie },
  });
  expect(res.statusCode).toBe(200);
  const [header, ...lines] = res.body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  const names = (header as string).split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, cells[i] ?? '']));
  });
}

describe('an export of responses from two questionnaire editions', () => {
  it('shows a 2026-edition item’s changed option and its points, and a 2025 item’s as 附件1 printed them', async () => {
    const rows = await responseRows();
    const q4Header = Object.keys(rows[0] ?? {}).find((h) => h.startsWith('4. ')) as string;
    const byId = new Map(rows.map((row) => [row.记录编号, row]));
    expect(byId.get(of2026.id as string)).toMatchObject({
      [q4Header]: 'C. 半年一次（含电话、微信联系）',
      第4题得分: '8',
    });
    expect(byId.get(of2025.id as string)).toMatchObject({
      [q4Header]: 'C. 半年一次',
      第4题得分: '6',
    });
    // The rest of the points are the same in both editions: totals differ by q4 alone.
    expect(Number(byId.get(of2026.id as string)?.问卷总分)).toBe(
      Number(byId.get(of2025.id as string)?.问卷总分) + 2,
    );
  });
});

describe('the review list of responses from two questionnaire editions', () => {
  it('names each response’s own edition, so the review screen labels its letters by it', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/review/responses?year=2025',
      headers: { cookie: coordinator.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const versions = Object.fromEntries(
      res
        .json()
        .items.map((i: { id: string; questionnaireVersion: number }) => [
          i.id,
          i.questionnaireVersion,
        ]),
    );
    expect(versions).toEqual({ [of2025.id as string]: 1, [of2026.id as string]: 2 });
  });
});
