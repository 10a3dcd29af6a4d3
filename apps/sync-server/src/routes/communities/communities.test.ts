import { sampleSurvey } from '@jiuting/questionnaire/testing';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  CLIENT_HEADERS,
  failAuditInserts,
  importCommunities,
  type LoggedIn,
  loginAs,
  syncItems,
} from '../../testing.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  coordinator = await loginAs(app, 'coordinator');
});
afterEach(async () => cleanup());

const importCsv = (csv: string) => importCommunities(app, coordinator, csv);

const importFile = (name: string, bytes: Uint8Array | Buffer) =>
  app.inject({
    method: 'POST',
    url: '/api/communities/import',
    headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
    payload: { file: { name, base64: Buffer.from(bytes).toString('base64') } },
  });

describe('POST /api/communities/import with the file itself', () => {
  it('imports a list Chinese Excel saved as CSV in GBK', async () => {
    const csv = '编号,名称,类型,总户数,联系领导\r\nJT01,九亭一居,导入居,1200,王某\r\n';
    const res = await importFile('居民区.csv', iconv.encode(csv, 'gbk'));
    expect(res.statusCode, res.body).toBe(200);
    expect(app.repos.communities.get('JT01')).toMatchObject({ name: '九亭一居', type: '导入居' });
  });

  it('imports an .xlsx, and names a bad row by its row number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('居民区');
    sheet.addRow(['编号', '名称', '类型', '总户数', '联系领导']);
    sheet.addRow(['JT01', '九亭一居', '导入居', 1200, '王某']);
    sheet.addRow(['JT02', '九亭二居', '城中村', 800, '']);
    const bad = await importFile('居民区.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual([{ path: '第3行', message: '类型应为“导入居”或“村改居”' }]);
    expect(app.repos.communities.get('JT01')).toBeUndefined();
    sheet.getRow(3).getCell(3).value = '村改居';
    const good = await importFile('居民区.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(good.statusCode, good.body).toBe(200);
    expect(app.repos.communities.get('JT02')).toMatchObject({ totalHouseholds: 800 });
  });

  it('refuses a body with neither a file nor CSV text, in Chinese', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/communities/import',
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('请上传一个文件');
  });
});

describe('POST /api/communities/import', () => {
  it('reports every bad line by its line number and imports nothing', async () => {
    const before = app.repos.communities.list();
    const csv = [
      'code,name,type,totalHouseholds,liaisonLeader',
      'JT01,九亭一居,导入居,1200,王某',
      'JT02,,导入居,800,李某',
      'JT03,九亭三居,城中村,900,赵某',
      'JT01,重复,村改居,500,钱某',
      'JT05,九亭五居,村改居,-3,孙某',
      'JT06,九亭六居,村改居,300',
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('csv_invalid');
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual([
      '第3行',
      '第4行',
      '第5行',
      '第6行',
      '第7行',
    ]);
    expect(body.issues[2].message).toContain('与第2行重复');
    expect(app.repos.communities.list()).toEqual(before);
  });

  it('accepts the Chinese header, replaces the untouched demo communities and keeps one with data', async () => {
    const canvasser = await loginAs(app, 'canvasser', ['DEMO05']);
    await syncItems(app, canvasser, [sampleSurvey({ communityCode: 'DEMO05' })]);
    const res = await importCsv(
      '\uFEFF编号,名称,类型,总户数,联系领导\nJT01,九亭一居,导入居,1200,王某\r\nJT02,"涞寅,二居",村改居,800,李某\n',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 2, removedDemo: 26 });
    expect(app.repos.communities.list().map((c) => [c.code, c.name])).toEqual([
      ['DEMO05', '示例05（演示数据）'],
      ['JT01', '九亭一居'],
      ['JT02', '涞寅,二居'],
    ]);
    expect(app.repos.audit.list()[0]?.action).toBe('communities_imported');
  });

  it('updates a community already there without changing its QR link', async () => {
    const token = app.repos.communities.get('DEMO01')?.qrToken;
    await importCsv(
      'code,name,type,totalHouseholds,liaisonLeader\nDEMO01,新名称,村改居,999,新领导\n',
    );
    expect(app.repos.communities.get('DEMO01')).toMatchObject({
      name: '新名称',
      type: '村改居',
      totalHouseholds: 999,
      liaisonLeader: '新领导',
      qrToken: token,
      isDemo: false,
    });
  });
});

describe('PATCH /api/communities/:code', () => {
  it('changes the household count used for coverage', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/communities/DEMO02',
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
      payload: { totalHouseholds: 1500, liaisonLeader: '张某' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().community).toMatchObject({
      code: 'DEMO02',
      totalHouseholds: 1500,
      liaisonLeader: '张某',
    });
  });

  it('refuses a non-positive household count with a field-level reason', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/communities/DEMO02',
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
      payload: { totalHouseholds: 0 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'totalHouseholds', message: '总户数应为正整数' }]);
  });

  it('answers 404 for a community that does not exist', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/communities/NOPE',
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('one transaction per change, audit row included', () => {
  const staffCall = (method: 'PATCH' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
      ...(payload ? { payload } : {}),
    });

  it('imports nothing when the import cannot be audited', async () => {
    const before = app.repos.communities.list();
    failAuditInserts(app);
    const res = await importCsv('编号,名称,类型,总户数,联系领导\nJT01,九亭一村,村改居,800,张三');
    expect(res.statusCode).toBe(500);
    expect(app.repos.communities.list()).toEqual(before);
  });

  it('changes no community when the change cannot be audited', async () => {
    const before = app.repos.communities.get('DEMO01');
    failAuditInserts(app);
    const res = await staffCall('PATCH', '/api/communities/DEMO01', { totalHouseholds: 999 });
    expect(res.statusCode).toBe(500);
    expect(app.repos.communities.get('DEMO01')).toEqual(before);
  });

  it('keeps the resident link when its rotation cannot be audited', async () => {
    const before = app.repos.communities.get('DEMO01')?.qrToken;
    failAuditInserts(app);
    const res = await staffCall('POST', '/api/communities/DEMO01/qr-token');
    expect(res.statusCode).toBe(500);
    expect(app.repos.communities.get('DEMO01')?.qrToken).toBe(before);
  });
});
