import { describe, expect, it } from 'vitest';
import { type HealthInputs, healthReport } from './health.ts';

const MIB = 1024 * 1024;
const NOW = new Date('2026-03-02T08:00:00Z');
const HEALTHY: HealthInputs = {
  now: NOW,
  writable: true,
  freeBytes: 40_000 * MIB,
  databaseBytes: 50 * MIB,
  lastBackupAt: new Date('2026-03-02T02:00:00Z'),
  backupIntervalHours: 24,
  publicUrl: 'https://jt.example.cn',
};

describe('healthReport', () => {
  it('is ok with room on the disk, a recent backup and an https PUBLIC_URL', () => {
    expect(healthReport(HEALTHY)).toEqual({
      status: 'ok',
      database: { writable: true },
      disk: { freeBytes: 40_000 * MIB, low: false },
      backup: { lastAt: '2026-03-02T02:00:00.000Z', ageHours: 6, stale: false },
      publicUrl: { url: 'https://jt.example.cn', problem: null },
      warnings: [],
    });
  });

  it('warns of a low disk before it is full: under 512 MiB, or under two database copies', () => {
    expect(healthReport({ ...HEALTHY, freeBytes: 500 * MIB }).disk.low).toBe(true);
    expect(
      healthReport({ ...HEALTHY, freeBytes: 900 * MIB, databaseBytes: 600 * MIB }).disk.low,
    ).toBe(true);
    const report = healthReport({ ...HEALTHY, freeBytes: 300 * MIB });
    expect(report.status).toBe('warning');
    expect(report.warnings).toEqual([
      '数据盘剩余空间不足：仅剩 300 MiB，请清理或扩容，以免无法保存新记录。',
    ]);
  });

  it('fails when writes fail, so a monitor pages someone', () => {
    const report = healthReport({ ...HEALTHY, writable: false });
    expect(report.status).toBe('failing');
    expect(report.warnings[0]).toMatch(/^数据库当前无法写入/);
  });

  it('warns when there is no backup, or none within a day past the schedule', () => {
    expect(healthReport({ ...HEALTHY, lastBackupAt: undefined }).warnings).toEqual([
      '还没有任何备份：请按部署指南配置定时备份。',
    ]);
    const old = healthReport({ ...HEALTHY, lastBackupAt: new Date('2026-02-28T07:00:00Z') });
    expect(old.backup).toMatchObject({ ageHours: 49, stale: true });
    expect(old.warnings).toEqual(['最近一次备份已是 49 小时前：请检查定时备份。']);
    expect(
      healthReport({ ...HEALTHY, lastBackupAt: new Date('2026-02-28T09:00:00Z') }).backup.stale,
    ).toBe(false);
  });

  it('warns that posters would carry a wrong address without an https PUBLIC_URL', () => {
    expect(healthReport({ ...HEALTHY, publicUrl: undefined }).publicUrl).toEqual({
      url: null,
      problem: 'missing',
    });
    expect(healthReport({ ...HEALTHY, publicUrl: 'http://127.0.0.1:8080' }).warnings[0]).toMatch(
      /^PUBLIC_URL 是本机地址/,
    );
    expect(healthReport({ ...HEALTHY, publicUrl: 'http://jt.example.cn' }).warnings[0]).toMatch(
      /^PUBLIC_URL 不是 https 地址/,
    );
  });
});
