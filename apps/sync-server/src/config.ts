import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface BackupConfig {
  /** Where the scheduled and manual copies go (default `<DATA_DIR>/backups`). */
  dir: string;
  /** Hours between the server's own backups; 0 when a systemd timer (or nobody) takes them. */
  intervalHours: number;
  /** How many copies to keep in `dir` (and in `copyDir`); older ones are deleted. */
  keep: number;
  /** A second disk or a mounted host path that receives a copy of each checked backup. */
  copyDir: string | undefined;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  dbPath: string;
  staticDir: string;
  trustProxy: boolean | string;
  logLevel: (typeof LOG_LEVELS)[number];
  adminPassword: string | undefined;
  /** The https origin residents and phones use; printed on posters. */
  publicUrl: string | undefined;
  backup: BackupConfig;
  /**
   * PIPL retention: a locked year's raw answers, free texts and interview notes are deleted
   * this many years after its lock (RETENTION_YEARS, default 2; see services/retention.ts).
   */
  retentionYears: number;
}

/** Every bad setting, each said in Chinese with its variable's name; the server does not start. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误：${problems.join('；')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The package's own directory, found from this file whether it runs as source (src/config.ts)
 * or compiled (dist/src/config.js).
 */
export function packageDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

const blankAsUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankAsUndefined, schema.optional());
}

const integer = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} 必须是整数`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} 不能小于 ${min}`).max(max, `${name} 不能大于 ${max}`));

// proxy-addr's names for address ranges, accepted by Fastify's trustProxy as they are.
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(part: string): boolean {
  if (PROXY_RANGES.has(part)) return true;
  const [address = '', bits, ...rest] = part.split('/');
  if (rest.length > 0 || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128);
}

const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): boolean | string => {
    if (value === '' || value === 'false') return false;
    if (value === 'true') return true;
    const parts = value.split(',').map((p) => p.trim());
    if (parts.every(isProxyAddress)) return parts.join(',');
    ctx.addIssue({
      code: 'custom',
      message:
        'TRUST_PROXY 应为 true、false，或反向代理的 IP 地址/网段（逗号分隔，如 127.0.0.1 或 10.0.0.0/8）',
    });
    return z.NEVER;
  });

const publicUrl = z
  .string()
  .trim()
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'PUBLIC_URL 不是有效的网址（例：https://jt.example.cn）',
      });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'PUBLIC_URL 必须以 https:// 开头' });
      return z.NEVER;
    }
    // Residents' links are /r/<token> at the origin: the server does not run under a sub-path.
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') {
      ctx.addIssue({
        code: 'custom',
        message: 'PUBLIC_URL 只写协议和域名（可带端口），不要带路径、参数或账号',
      });
      return z.NEVER;
    }
    return url.origin;
  });

const schema = z.object({
  PORT: optional(integer('PORT', 1, 65535)),
  HOST: optional(z.string().trim()),
  DATA_DIR: optional(z.string()),
  STATIC_DIR: optional(z.string()),
  TRUST_PROXY: optional(trustProxy),
  LOG_LEVEL: optional(
    z.enum(LOG_LEVELS, { error: `LOG_LEVEL 应为 ${LOG_LEVELS.join('、')} 之一` }),
  ),
  ADMIN_PASSWORD: optional(z.string().min(10, 'ADMIN_PASSWORD 至少 10 位')),
  PUBLIC_URL: optional(publicUrl),
  BACKUP_DIR: optional(z.string()),
  BACKUP_INTERVAL_HOURS: optional(integer('BACKUP_INTERVAL_HOURS', 0, 24 * 30)),
  BACKUP_KEEP: optional(integer('BACKUP_KEEP', 1, 1000)),
  BACKUP_COPY_DIR: optional(z.string()),
  RETENTION_YEARS: optional(integer('RETENTION_YEARS', 1, 30)),
});

/**
 * Reads and checks the environment; throws ConfigError listing every bad value. Relative paths
 * are relative to where the person ran npm: `npm -w` runs the script inside apps/sync-server but
 * keeps the original directory in INIT_CWD, so `npm start` at the repository's root keeps its
 * data in ./data there.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  }
  const e = parsed.data;
  const base = env.INIT_CWD ?? process.cwd();
  const path = (value: string) => (isAbsolute(value) ? value : resolve(base, value));
  const dataDir = path(e.DATA_DIR ?? './data');
  return {
    port: e.PORT ?? 8080,
    host: e.HOST || '0.0.0.0',
    dataDir,
    dbPath: join(dataDir, 'jiuting.db'),
    staticDir: e.STATIC_DIR ? path(e.STATIC_DIR) : resolve(packageDir(), '../pwa/dist'),
    trustProxy: e.TRUST_PROXY ?? false,
    logLevel: e.LOG_LEVEL ?? 'info',
    adminPassword: e.ADMIN_PASSWORD,
    publicUrl: e.PUBLIC_URL,
    backup: {
      dir: e.BACKUP_DIR ? path(e.BACKUP_DIR) : join(dataDir, 'backups'),
      intervalHours: e.BACKUP_INTERVAL_HOURS ?? 24,
      keep: e.BACKUP_KEEP ?? 14,
      copyDir: e.BACKUP_COPY_DIR ? path(e.BACKUP_COPY_DIR) : undefined,
    },
    retentionYears: e.RETENTION_YEARS ?? 2,
  };
}

export type PublicUrlProblem = 'missing' | 'http' | 'localhost';

/**
 * Why a poster printed now would carry a link residents cannot open (or that fails offline):
 * no PUBLIC_URL, plain http (no service worker, no offline), or an address only this machine
 * or this office network answers.
 */
export function publicUrlProblem(url: string | undefined): PublicUrlProblem | null {
  if (!url) return 'missing';
  const { protocol, hostname } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\./.test(host) ||
    host === '::1' ||
    host === '0.0.0.0'
  ) {
    return 'localhost';
  }
  if (protocol !== 'https:') return 'http';
  return null;
}
