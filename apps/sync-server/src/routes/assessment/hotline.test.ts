import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { call, coordinator, scorerOf, useAssessmentApp, YEAR } from './test-kit.ts';

// A year created by a coordinator before each test (see useAssessmentApp).
useAssessmentApp();

describe('12345 hotline import', () => {
  const url = `/api/assessment/${YEAR}/hotline/import`;
  it('reports every bad line by number and imports nothing, then shows good figures to 城运中心', async () => {
    const bad = await call(coordinator, 'POST', url, {
      csv: [
        '居民区编号,今年工单数,去年工单数,满意率',
        'DEMO01,120,150,96.5%',
        'NOPE99,1,2,90',
        'DEMO02,-3,10,90',
        'DEMO03,10,12,101',
        'DEMO01,5,5,90',
      ].join('\n'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('csv_invalid');
    expect(bad.json().issues.map((i: { path: string }) => i.path)).toEqual([
      '第3行',
      '第4行',
      '第5行',
      '第6行',
    ]);
    expect(bad.json().issues[0].message).toContain('NOPE99');
    expect(bad.json().issues[3].message).toContain('第2行重复');
    const none = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/hotline`)).json();
    expect(none.rows).toEqual([]);

    const good = await call(coordinator, 'POST', url, {
      csv: '\uFEFF居民区编号,今年工单数,去年工单数,满意率\r\nDEMO01,120,150,96.5%\r\nDEMO02,80,60,88\r\n',
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ imported: 2 });
    const scorer = await scorerOf('city-operations-center');
    const scoring = (await call(scorer, 'GET', `/api/assessment/${YEAR}/scoring`)).json();
    expect(scoring.hotline).toEqual([
      expect.objectContaining({
        communityCode: 'DEMO01',
        ordersThisYear: 120,
        ordersLastYear: 150,
        satisfactionRate: 96.5,
      }),
      expect.objectContaining({
        communityCode: 'DEMO02',
        ordersThisYear: 80,
        ordersLastYear: 60,
        satisfactionRate: 88,
      }),
    ]);
    // Another department's scorer does not get them.
    const peace = await scorerOf('peace-office');
    expect((await call(peace, 'GET', `/api/assessment/${YEAR}/scoring`)).json().hotline).toEqual(
      [],
    );
  });
});

describe('12345 hotline import from a file', () => {
  it('takes the figures as an .xlsx, as 城运中心 sends them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('工单');
    sheet.addRow(['居民区编号', '今年工单数', '去年工单数', '满意率']);
    sheet.addRow(['DEMO01', 120, 150, '96.5%']);
    const base64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const res = await call(coordinator, 'POST', `/api/assessment/${YEAR}/hotline/import`, {
      file: { name: '工单.xlsx', base64 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/hotline`)).json().rows;
    expect(rows).toEqual([
      expect.objectContaining({
        communityCode: 'DEMO01',
        ordersThisYear: 120,
        satisfactionRate: 96.5,
      }),
    ]);
  });

  it('takes a GBK CSV from Chinese Excel, and names its bad lines as for UTF-8', async () => {
    const url = `/api/assessment/${YEAR}/hotline/import`;
    const upload = (text: string) =>
      call(coordinator, 'POST', url, {
        file: { name: '工单.csv', base64: iconv.encode(text, 'gbk').toString('base64') },
      });
    const bad = await upload(
      '居民区编号,今年工单数,去年工单数,满意率\r\nDEMO01,120,150,96.5%\r\nDEMO02,八十,60,88\r\n',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path)).toEqual(['第3行']);
    const good = await upload(
      '居民区编号,今年工单数,去年工单数,满意率\r\nDEMO01,120,150,96.5%\r\n',
    );
    expect(good.statusCode, good.body).toBe(200);
    const rows = (await call(coordinator, 'GET', `/api/assessment/${YEAR}/hotline`)).json().rows;
    expect(rows).toEqual([
      expect.objectContaining({ communityCode: 'DEMO01', ordersThisYear: 120 }),
    ]);
  });

  it('names a bad row of an .xlsx by its row number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('工单');
    sheet.addRow(['居民区编号', '今年工单数', '去年工单数', '满意率']);
    sheet.addRow(['DEMO01', 120, 150, '96.5%']);
    sheet.addRow(['DEMO02', 80, 60, 188]);
    const base64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const res = await call(coordinator, 'POST', `/api/assessment/${YEAR}/hotline/import`, {
      file: { name: '工单.xlsx', base64 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([
      { path: '第3行', message: expect.stringContaining('满意率') },
    ]);
  });
});
