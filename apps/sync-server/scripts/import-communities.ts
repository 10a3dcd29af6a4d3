// `npm run import:communities -- file.csv` (or .xlsx; a CSV in UTF-8 or GBK): loads the town's community list into the database
// (the same rules as POST /api/communities/import: every bad line reported, nothing half-imported).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import { makePrivateDir } from '../src/db/private-files.ts';
import { auditRepository } from '../src/repositories/audit.ts';
import { communitiesRepository } from '../src/repositories/communities.ts';
import { parseCommunitiesFile } from '../src/tables/community-csv.ts';

const file = process.argv[2];
if (!file) {
  console.error('用法：npm run import:communities -- 居民区.csv');
  process.exit(2);
}
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
if (!existsSync(path)) {
  console.error(`没有找到文件：${path}`);
  process.exit(2);
}
const parsed = await parseCommunitiesFile({ name: path, bytes: readFileSync(path) });
if (!parsed.ok) {
  console.error('导入文件有错误，未导入任何内容：');
  for (const issue of parsed.issues) console.error(`  ${issue.path}：${issue.message}`);
  process.exit(1);
}
const config = loadConfig(process.env);
makePrivateDir(config.dataDir);
const db = openDatabase(config.dbPath);
try {
  migrate(db);
  const at = new Date().toISOString();
  const result = communitiesRepository(db).importAll(parsed.rows, at);
  auditRepository(db).record({
    at,
    action: 'communities_imported',
    detail: { ...result, file: path, via: 'cli' },
  });
  console.log(
    `已导入 ${result.imported} 个居民区${result.removedDemo > 0 ? `，移除 ${result.removedDemo} 个演示居民区` : ''}（${config.dbPath}）`,
  );
} finally {
  db.close();
}
