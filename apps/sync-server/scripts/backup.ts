// `npm run backup` (and jiuting-backup.service, nightly): a checked copy of the live database
// while the server keeps running, copied to BACKUP_COPY_DIR if set, old copies pruned to
// BACKUP_KEEP. Exits 1 with one line on failure, so a timer's failure shows in systemctl.
import { existsSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { takeBackup } from '../src/db/backup.ts';
import { openDatabase } from '../src/db/open.ts';
import { describeStartupFailure } from '../src/startup-errors.ts';

try {
  const config = loadConfig(process.env);
  if (!existsSync(config.dbPath)) {
    console.error(`没有找到数据库：${config.dbPath}（请先启动一次服务器，或设置 DATA_DIR）`);
    process.exit(1);
  }
  const db = openDatabase(config.dbPath);
  try {
    const result = await takeBackup(db, {
      dir: config.backup.dir,
      keep: config.backup.keep,
      copyDir: config.backup.copyDir,
    });
    console.log(`备份完成并已校验：${result.path}`);
    if (result.copy) console.log(`已复制到：${result.copy}`);
    if (result.removed.length > 0)
      console.log(`按保留份数（${config.backup.keep}）删除旧备份 ${result.removed.length} 份`);
  } finally {
    db.close();
  }
} catch (err) {
  const failure = describeStartupFailure(err);
  console.error(`备份失败：${failure.line.replace(/^服务器无法启动：/, '')}`);
  process.exit(1);
}
