import type { PublicUrlProblem } from '../config.ts';
import { publicUrlProblem } from '../config.ts';

export interface HealthInputs {
  now: Date;
  /** The last write probe (or request) succeeded and no storage failure came after it. */
  writable: boolean;
  freeBytes: number | undefined;
  /** The database and its WAL: a backup needs that much room again. */
  databaseBytes: number;
  lastBackupAt: Date | undefined;
  backupIntervalHours: number;
  publicUrl: string | undefined;
}

export interface HealthReport {
  status: 'ok' | 'warning' | 'failing';
  database: { writable: boolean };
  disk: { freeBytes: number | null; low: boolean };
  backup: { lastAt: string | null; ageHours: number | null; stale: boolean };
  publicUrl: { url: string | null; problem: PublicUrlProblem | null };
  warnings: string[];
}

const MIB = 1024 * 1024;

/** Low before it runs out: room for two more copies of the database, and never under 512 MiB. */
export function lowDiskThreshold(databaseBytes: number): number {
  return Math.max(512 * MIB, 2 * databaseBytes);
}

const PUBLIC_URL_WARNINGS: Record<PublicUrlProblem, string> = {
  missing:
    '未设置 PUBLIC_URL（居民和手机访问的 https 地址）：海报二维码将使用当前浏览器地址，打印前请先配置。',
  http: 'PUBLIC_URL 不是 https 地址：手机无法离线使用，居民扫码也可能被浏览器拦截。',
  localhost:
    'PUBLIC_URL 是本机地址（localhost/127.0.0.1）：居民扫码打不开，请改为对外的 https 地址。',
};

/** What /api/health answers and the dashboard shows; pure, so each rule is tested alone. */
export function healthReport(inputs: HealthInputs): HealthReport {
  const warnings: string[] = [];
  const free = inputs.freeBytes;
  const low = free !== undefined && free < lowDiskThreshold(inputs.databaseBytes);
  if (!inputs.writable) {
    warnings.push(
      '数据库当前无法写入（磁盘已满或只读）：手机上的记录会保留并自动重试，请尽快处理。',
    );
  }
  if (low && free !== undefined) {
    warnings.push(
      `数据盘剩余空间不足：仅剩 ${(free / MIB).toFixed(0)} MiB，请清理或扩容，以免无法保存新记录。`,
    );
  }
  const ageHours =
    inputs.lastBackupAt === undefined
      ? null
      : Math.max(0, (inputs.now.getTime() - inputs.lastBackupAt.getTime()) / 3600_000);
  // A day's grace past the schedule (a timer or the server's own); unscheduled: two days.
  const allowedHours = (inputs.backupIntervalHours > 0 ? inputs.backupIntervalHours : 24) + 24;
  const stale = ageHours === null || ageHours > allowedHours;
  if (stale) {
    warnings.push(
      ageHours === null
        ? '还没有任何备份：请按部署指南配置定时备份。'
        : `最近一次备份已是 ${Math.floor(ageHours)} 小时前：请检查定时备份。`,
    );
  }
  const problem = publicUrlProblem(inputs.publicUrl);
  if (problem) warnings.push(PUBLIC_URL_WARNINGS[problem]);
  return {
    status: !inputs.writable ? 'failing' : warnings.length > 0 ? 'warning' : 'ok',
    database: { writable: inputs.writable },
    disk: { freeBytes: free ?? null, low },
    backup: {
      lastAt: inputs.lastBackupAt?.toISOString() ?? null,
      ageHours: ageHours === null ? null : Math.round(ageHours * 10) / 10,
      stale,
    },
    publicUrl: { url: inputs.publicUrl ?? null, problem },
    warnings,
  };
}
