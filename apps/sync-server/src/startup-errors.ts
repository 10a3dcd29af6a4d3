import { statfsSync } from 'node:fs';
import { ConfigError } from './config.ts';
import { SchemaError } from './db/migrate.ts';

/** systemd's units stop restarting on this code (RestartPreventExitStatus=78, EX_CONFIG). */
export const EXIT_CONFIG = 78;

export interface StartupFailure {
  /** One line, in Chinese, for the console and the journal: what is wrong and what to do. */
  line: string;
  exitCode: number;
}

/** Bytes an unprivileged process may still write under `dir`, or undefined if unknown. */
export function freeBytes(dir: string): number | undefined {
  try {
    const stat = statfsSync(dir);
    return stat.bavail * stat.bsize;
  } catch {
    return undefined;
  }
}

const MIB = 1024 * 1024;

/**
 * Turns whatever stopped the start into one plain line instead of a stack trace: the town's IT
 * person reads the journal, and a supervisor restarting a server that cannot start (a full
 * disk, a bad setting) only fills that journal.
 */
export function describeStartupFailure(
  err: unknown,
  context: { dataDir?: string; port?: number; free?: (dir: string) => number | undefined } = {},
): StartupFailure {
  if (err instanceof ConfigError) {
    return {
      line: `配置错误，服务器未启动：${err.problems.join('；')}`,
      exitCode: EXIT_CONFIG,
    };
  }
  if (err instanceof SchemaError) {
    return { line: `数据库与程序版本不符，服务器未启动：${err.message}`, exitCode: EXIT_CONFIG };
  }
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const free = context.dataDir ? (context.free ?? freeBytes)(context.dataDir) : undefined;
  const diskNearlyFull = free !== undefined && free < 16 * MIB;
  if (
    code === 'ENOSPC' ||
    code === 'SQLITE_FULL' ||
    (code.startsWith('SQLITE_IOERR') && diskNearlyFull)
  ) {
    return {
      line: `数据盘已满，服务器无法启动：${context.dataDir ?? ''} 所在磁盘剩余 ${free === undefined ? '未知' : `${(free / MIB).toFixed(1)} MiB`}。请清理空间（例如移走旧备份）后再启动；已确认的数据不会丢失。（${code}）`,
      exitCode: 1,
    };
  }
  if (code === 'SQLITE_READONLY' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return {
      line: `数据目录无法写入，服务器无法启动：${context.dataDir ?? ''}（${code}）。请检查磁盘是否变为只读，以及目录属主和权限。`,
      exitCode: 1,
    };
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return {
      line: `数据库读写出错，服务器无法启动（${code}：${message}）。请检查磁盘；必要时按部署指南从备份恢复。`,
      exitCode: 1,
    };
  }
  if (code === 'EADDRINUSE') {
    return {
      line: `端口 ${context.port ?? ''} 已被占用，服务器无法启动：可能已有一个实例在运行，或请用 PORT 换一个端口。`,
      exitCode: 1,
    };
  }
  return { line: `服务器无法启动：${message}${code ? `（${code}）` : ''}`, exitCode: 1 };
}
