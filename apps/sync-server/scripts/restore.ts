// `npm run restore -- <backup file>`: puts a backup in the place of the database. The server
// must be stopped first (systemctl stop jiuting); the current database is renamed aside, never
// deleted. Drill: deploy/部署指南.md, 「恢复演练」.
import { resolve } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { RestoreError, restoreBackup } from '../src/db/restore.ts';
import { describeStartupFailure } from '../src/startup-errors.ts';

async function serverAnswers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/ping`, {
      signal: AbortSignal.timeout(2000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

try {
  const config = loadConfig(process.env);
  const file = process.argv[2];
  if (!file) {
    console.error(`用法：npm run restore -- <备份文件路径>（备份在 ${config.backup.dir}）`);
    process.exit(1);
  }
  if (await serverAnswers(config.port)) {
    console.error(
      `服务器仍在端口 ${config.port} 上运行：请先停止（systemctl stop jiuting），再恢复。`,
    );
    process.exit(1);
  }
  const result = restoreBackup({
    backupPath: resolve(process.env.INIT_CWD ?? process.cwd(), file),
    dbPath: config.dbPath,
  });
  if (result.movedAside) console.log(`原数据库已改名保留：${result.movedAside}`);
  console.log(
    `已恢复到 ${config.dbPath}：问卷 ${result.responses} 份，访谈 ${result.interviews} 份，最新一条接收于 ${result.newestReceivedAt ?? '（无）'}，数据库版本 ${result.schemaVersion}。`,
  );
  console.log('请启动服务器（systemctl start jiuting），登录看板核对覆盖率。');
} catch (err) {
  if (err instanceof RestoreError) {
    console.error(`恢复失败：${err.message}`);
  } else {
    console.error(`恢复失败：${describeStartupFailure(err).line.replace(/^服务器无法启动：/, '')}`);
  }
  process.exit(1);
}
