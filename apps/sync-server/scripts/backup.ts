// `npm run backup`: a consistent copy of the live database while the server keeps running.
import { existsSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { backupDatabase } from '../src/db/backup.ts';
import { openDatabase } from '../src/db/open.ts';

const config = loadConfig(process.env);
if (!existsSync(config.dbPath)) {
  console.error(`没有找到数据库：${config.dbPath}（请先启动一次服务器，或设置 DATA_DIR）`);
  process.exit(1);
}
const db = openDatabase(config.dbPath);
try {
  console.log(`备份完成：${await backupDatabase(db, config.dataDir)}`);
} finally {
  db.close();
}
