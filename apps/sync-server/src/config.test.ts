import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, publicUrlProblem } from './config.ts';

const BASE = { INIT_CWD: '/srv/jiuting' };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig({ ...BASE, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig', () => {
  it('starts with safe defaults when nothing is set', () => {
    const config = loadConfig(BASE);
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/jiuting/data',
      dbPath: '/srv/jiuting/data/jiuting.db',
      trustProxy: false,
      logLevel: 'info',
      adminPassword: undefined,
      publicUrl: undefined,
      backup: { dir: '/srv/jiuting/data/backups', intervalHours: 24, keep: 14, copyDir: undefined },
      retentionYears: 2,
    });
    expect(config.staticDir).toMatch(/apps\/pwa\/dist$/);
  });

  it('reads every setting an operator writes into the unit file', () => {
    const config = loadConfig({
      ...BASE,
      PORT: '3000',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/jiuting',
      TRUST_PROXY: '127.0.0.1, ::1',
      LOG_LEVEL: 'warn',
      ADMIN_PASSWORD: 'a-long-password',
      PUBLIC_URL: 'https://JT.example.cn/',
      BACKUP_DIR: 'backups',
      BACKUP_INTERVAL_HOURS: '0',
      BACKUP_KEEP: '30',
      BACKUP_COPY_DIR: '/mnt/nas/jiuting',
      RETENTION_YEARS: '3',
    });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dbPath: '/var/lib/jiuting/jiuting.db',
      trustProxy: '127.0.0.1,::1',
      logLevel: 'warn',
      publicUrl: 'https://jt.example.cn',
      backup: {
        dir: '/srv/jiuting/backups',
        intervalHours: 0,
        keep: 30,
        copyDir: '/mnt/nas/jiuting',
      },
      retentionYears: 3,
    });
  });

  it('treats an empty variable as unset, as systemd leaves Environment=PORT=', () => {
    expect(loadConfig({ ...BASE, PORT: '', PUBLIC_URL: ' ' }).port).toBe(8080);
  });

  it('refuses a bad value, naming the variable in Chinese', () => {
    expect(problemsOf({ PORT: '80a' })).toEqual(['PORT 必须是整数']);
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT 不能大于 65535']);
    expect(problemsOf({ PORT: '0' })).toEqual(['PORT 不能小于 1']);
    expect(problemsOf({ LOG_LEVEL: 'verbose' })[0]).toMatch(/^LOG_LEVEL 应为 fatal、error/);
    expect(problemsOf({ TRUST_PROXY: 'yes' })[0]).toMatch(/^TRUST_PROXY/);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/33' })[0]).toMatch(/^TRUST_PROXY/);
    expect(problemsOf({ ADMIN_PASSWORD: 'short' })).toEqual(['ADMIN_PASSWORD 至少 10 位']);
    expect(problemsOf({ PUBLIC_URL: 'jt.example.cn' })[0]).toMatch(/^PUBLIC_URL 不是有效的网址/);
    expect(problemsOf({ PUBLIC_URL: 'ftp://jt.example.cn' })[0]).toMatch(/https:\/\//);
    expect(problemsOf({ PUBLIC_URL: 'https://jt.example.cn/survey' })[0]).toMatch(/不要带路径/);
    expect(problemsOf({ BACKUP_KEEP: '0' })).toEqual(['BACKUP_KEEP 不能小于 1']);
    expect(problemsOf({ RETENTION_YEARS: '0' })).toEqual(['RETENTION_YEARS 不能小于 1']);
    expect(problemsOf({ BACKUP_INTERVAL_HOURS: '-1' })).toEqual([
      'BACKUP_INTERVAL_HOURS 必须是整数',
    ]);
  });

  it('lists every bad value at once, so one restart fixes them all', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', PUBLIC_URL: 'nope' });
    expect(problems).toHaveLength(3);
    expect(new ConfigError(problems).message).toMatch(/^配置错误：PORT.*；LOG_LEVEL.*；PUBLIC_URL/);
  });
});

describe('publicUrlProblem', () => {
  it('accepts only an https address others can reach', () => {
    expect(publicUrlProblem('https://jt.example.cn')).toBeNull();
    expect(publicUrlProblem(undefined)).toBe('missing');
    expect(publicUrlProblem('http://jt.example.cn')).toBe('http');
    expect(publicUrlProblem('http://192.168.1.5:8080')).toBe('http');
    for (const local of [
      'http://127.0.0.1:8080',
      'https://localhost',
      'https://app.localhost',
      'http://[::1]:8080',
      'http://0.0.0.0',
    ]) {
      expect(publicUrlProblem(local), local).toBe('localhost');
    }
  });
});
