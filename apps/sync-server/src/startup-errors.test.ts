import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.ts';
import { migrate } from './db/migrate.ts';
import { openDatabase } from './db/open.ts';
import { describeStartupFailure, EXIT_CONFIG } from './startup-errors.ts';
import { tempDbPath } from './testing.ts';

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('describeStartupFailure', () => {
  it('says the disk is full when SQLite reports an I/O error on a full disk', () => {
    const failure = describeStartupFailure(sqliteError('SQLITE_IOERR_SHMSIZE', 'disk I/O error'), {
      dataDir: '/var/lib/jiuting',
      free: () => 4096,
    });
    expect(failure.line).toMatch(
      /^数据盘已满，服务器无法启动：\/var\/lib\/jiuting 所在磁盘剩余 0\.0 MiB/,
    );
    expect(failure.line).not.toContain('\n');
    expect(failure.exitCode).toBe(1);
  });

  it('does not blame the disk for an I/O error while space is left', () => {
    const failure = describeStartupFailure(sqliteError('SQLITE_IOERR_READ', 'disk I/O error'), {
      dataDir: '/d',
      free: () => 50 * 1024 ** 3,
    });
    expect(failure.line).toMatch(/^数据库读写出错/);
  });

  it('names a read-only disk, a taken port and a bad setting', () => {
    expect(describeStartupFailure(sqliteError('SQLITE_READONLY', 'ro')).line).toMatch(
      /^数据目录无法写入/,
    );
    expect(describeStartupFailure(sqliteError('EADDRINUSE', 'in use'), { port: 8080 }).line).toBe(
      '端口 8080 已被占用，服务器无法启动：可能已有一个实例在运行，或请用 PORT 换一个端口。',
    );
    const config = describeStartupFailure(new ConfigError(['PORT 必须是整数']));
    expect(config).toEqual({
      line: '配置错误，服务器未启动：PORT 必须是整数',
      exitCode: EXIT_CONFIG,
    });
  });
});

describe('the server started with a bad setting', () => {
  it('exits with one line and the code that stops systemd restarting it', () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, PORT: 'eighty', PUBLIC_URL: 'https://jt.example.cn/x', DATA_DIR: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(EXIT_CONFIG);
    expect(run.stderr.trim().split('\n')).toEqual([
      '配置错误，服务器未启动：PORT 必须是整数；PUBLIC_URL 只写协议和域名（可带端口），不要带路径、参数或账号',
    ]);
  });
});

describe('the server started on a database it cannot write', () => {
  it('starts, and says at once that writes will fail, in Chinese, on stderr', async () => {
    // After a crash on a full disk the database opens (reads need no space) but refuses writes;
    // a trigger that refuses the health probe's write stands in for the full disk.
    const { dir } = tempDbPath();
    const db = openDatabase(join(dir, 'jiuting.db'));
    migrate(db);
    db.exec(`
      CREATE TRIGGER full_disk_insert BEFORE INSERT ON health_probe
        BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
      CREATE TRIGGER full_disk_update BEFORE UPDATE ON health_probe
        BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;`);
    db.close();
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as { port: number };
    await new Promise((r) => probe.close(r));
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const server = spawn(process.execPath, ['--import', 'tsx', main], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        BACKUP_INTERVAL_HOURS: '0',
        ADMIN_PASSWORD: 'Jiuting-Test-9731-zq',
      },
    });
    try {
      let stderr = '';
      server.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const said = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 30_000);
        server.stderr.on('data', () => {
          if (stderr.includes('数据库无法写入')) {
            clearTimeout(timer);
            resolve(true);
          }
        });
        server.once('exit', () => resolve(false));
      });
      expect(said, stderr).toBe(true);
      expect(stderr).toContain('磁盘已满或只读');
      // It is still up: phones retrying see a 500, not a refused connection.
      expect(server.exitCode).toBeNull();
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r(null)));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
