import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { makePrivateDir } from './db/private-files.ts';

const config = loadConfig(process.env);
makePrivateDir(config.dataDir);

const app = await buildApp({
  dbPath: config.dbPath,
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
  staticDir: config.staticDir,
  adminPassword: process.env.ADMIN_PASSWORD,
  trustProxy: config.trustProxy,
});

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

await app.listen({ port: config.port, host: config.host });
app.log.info({ dataDir: config.dataDir, db: config.dbPath }, 'sync server ready');

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // close() stops accepting, waits for in-flight requests, then runs onClose (closes the db).
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  });
}
