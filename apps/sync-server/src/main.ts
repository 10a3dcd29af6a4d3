import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { scheduleBackups } from './backup-schedule.ts';
import { type Config, loadConfig } from './config.ts';
import { makePrivateDir } from './db/private-files.ts';
import { healthReport } from './services/health.ts';
import { describeStartupFailure } from './startup-errors.ts';

let config: Config | undefined;
let app: FastifyInstance | undefined;
try {
  config = loadConfig(process.env);
  makePrivateDir(config.dataDir);
  app = await buildApp({
    dbPath: config.dbPath,
    logger: { level: config.logLevel },
    staticDir: config.staticDir,
    adminPassword: config.adminPassword,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    backupDir: config.backup.dir,
    backupIntervalHours: config.backup.intervalHours,
    backupCopyDir: config.backup.copyDir,
    retentionYears: config.retentionYears,
    // Far above a healthy server's few milliseconds, far below the phones' 30 s timeout.
    underPressure: { maxEventLoopDelayMs: 2000 },
  });
  await app.listen({ port: config.port, host: config.host });
} catch (err) {
  const failure = describeStartupFailure(err, { dataDir: config?.dataDir, port: config?.port });
  process.stderr.write(`${failure.line}\n`);
  await app?.close().catch(() => {});
  process.exit(failure.exitCode);
}

const report = app.bootstrapReport;
if (report.generatedAdminPassword) {
  // Shown once, on the console of whoever started the server; never written to the log file.
  process.stdout.write(
    [
      '',
      '================================================================',
      '  首次启动：已创建管理员账号（first start: admin account created）',
      '  用户名 username: admin',
      `  密码 password:  ${report.generatedAdminPassword}`,
      '  请立即登录并妥善保管；此密码只显示这一次。',
      '================================================================',
      '',
    ].join('\n'),
  );
}

app.log.info({ dataDir: config.dataDir, db: config.dbPath }, 'sync server ready');
// After a crash on a full disk the database opens (reads need no space) but cannot take a write:
// say so at start, not at the first phone's sync. The same report as /api/health.
const health = app.health.inputs();
if (!health.writable) {
  app.log.error(
    { dataDir: config.dataDir },
    'started, but the database cannot be written (disk full or read-only)',
  );
  process.stderr.write(
    `注意：服务器已启动，但数据库无法写入（磁盘已满或只读）：${config.dataDir}。手机上传将失败并自动重试，请尽快腾出空间。\n`,
  );
}
for (const warning of healthReport(health).warnings)
  app.log.warn({ warning }, 'health warning at start');

// Unreferenced timers: they never keep a stopping server alive.
if (config.backup.intervalHours > 0) {
  scheduleBackups({
    intervalHours: config.backup.intervalHours,
    backupDir: config.backup.dir,
    log: app.log,
  });
}

let closing = false;
const running = app;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    running.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // close() stops accepting, waits for in-flight requests, then runs onClose (closes the db).
    const force = setTimeout(() => {
      running.log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    running.close().then(
      () => process.exit(0),
      (err) => {
        running.log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  });
}
