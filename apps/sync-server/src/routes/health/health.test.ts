import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('GET /api/health', () => {
  it('reports a writable database, the free space, the last backup and the public address', async () => {
    const built = await buildTestApp({
      publicUrl: 'https://jt.example.cn',
      freeBytes: () => 10 * 1024 ** 3,
    });
    cleanup = built.cleanup;
    const backups = join(dirname(built.dbPath), 'backups');
    mkdirSync(backups);
    writeFileSync(join(backups, '2026-03-02T02-00-00-000Z.db'), '');
    const res = await built.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: { writable: true },
      disk: { freeBytes: 10 * 1024 ** 3, low: false },
      backup: { stale: false },
      publicUrl: { url: 'https://jt.example.cn', problem: null },
      warnings: [],
    });
  });

  it('answers 503 while the database refuses writes, and 200 again once it takes them', async () => {
    const built = await buildTestApp({ freeBytes: () => 10 * 1024 ** 3 });
    cleanup = built.cleanup;
    built.app.db.pragma('query_only = ON');
    const failing = await built.app.inject({ method: 'GET', url: '/api/health' });
    expect(failing.statusCode).toBe(503);
    expect(failing.json().warnings[0]).toMatch(/^数据库当前无法写入/);
    built.app.db.pragma('query_only = OFF');
    const back = await built.app.inject({ method: 'GET', url: '/api/health' });
    expect(back.statusCode).toBe(200);
    expect(back.json().database.writable).toBe(true);
  });

  it('warns of a disk running low, no backup and a missing PUBLIC_URL', async () => {
    const built = await buildTestApp({ freeBytes: () => 100 * 1024 ** 2 });
    cleanup = built.cleanup;
    const res = await built.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('warning');
    expect(body.publicUrl.problem).toBe('missing');
    expect(body.warnings).toHaveLength(3);
  });
});
