// `npm run backup`: a consistent copy of the live database while the server keeps running
// (SQLite's online backup API copies page by page and restarts if a write lands mid-copy).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/open.ts';

const config = loadConfig(process.env);
if (!existsSync(config.dbPath)) {
  console.error(`没有找到数据库：${config.dbPath}（请先启动一次服务器，或设置 DATA_DIR）`);
  process.exit(1);
}
const dir = join(config.dataDir, 'backups');
mkdirSync(dir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const target = join(dir, `${stamp}.db`);
const db = openDatabase(config.dbPath);
try {
  await db.backup(target);
} finally {
  db.close();
}
console.log(`备份完成：${target}`);
