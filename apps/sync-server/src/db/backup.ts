import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './open.ts';

/**
 * A consistent copy of a live database into `<dataDir>/backups/<time>.db`, while the server keeps
 * writing: SQLite's online backup copies page by page and starts over if a write lands mid-copy.
 * Returns the file's path.
 */
export async function backupDatabase(
  db: Db,
  dataDir: string,
  now: Date = new Date(),
): Promise<string> {
  const dir = join(dataDir, 'backups');
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `${now.toISOString().replace(/[:.]/g, '-')}.db`);
  await db.backup(target);
  return target;
}
