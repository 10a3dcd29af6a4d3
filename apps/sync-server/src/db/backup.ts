import { join } from 'node:path';
import type { Db } from './open.ts';
import { makePrivateDir, makePrivateFile } from './private-files.ts';

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
  makePrivateDir(dir);
  const target = join(dir, `${now.toISOString().replace(/[:.]/g, '-')}.db`);
  // Created owner-only before SQLite writes the copy into it (it keeps an existing file's mode).
  makePrivateFile(target);
  await db.backup(target);
  return target;
}
