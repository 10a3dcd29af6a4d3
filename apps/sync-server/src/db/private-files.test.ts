import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { takeBackup } from './backup.ts';
import { openDatabase } from './open.ts';
import { makePrivateDir } from './private-files.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

let root: string;
let umask: number;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'jiuting-modes-'));
  // The usual default, under which files come out world-readable unless the server says otherwise.
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

it('creates the data directory 0700 and the database, its -wal and -shm, and backups 0600 under umask 022', async () => {
  const dataDir = join(root, 'data');
  makePrivateDir(dataDir);
  const dbPath = join(dataDir, 'jiuting.db');
  const db = openDatabase(dbPath);
  try {
    db.exec('CREATE TABLE t (x TEXT)');
    db.prepare('INSERT INTO t VALUES (?)').run('88号楼1808室');
    expect(mode(dataDir)).toBe(0o700);
    for (const path of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`])
      expect(mode(path), path).toBe(0o600);
    const copyDir = join(root, 'second-disk');
    const backup = await takeBackup(db, { dir: join(dataDir, 'backups'), copyDir });
    expect(mode(join(dataDir, 'backups'))).toBe(0o700);
    expect(mode(backup.path)).toBe(0o600);
    expect(mode(copyDir)).toBe(0o700);
    expect(mode(backup.copy as string)).toBe(0o600);
  } finally {
    db.close();
  }
});

it('narrows a data directory and database left world-readable by an older install', () => {
  const dataDir = join(root, 'old');
  makePrivateDir(dataDir);
  const dbPath = join(dataDir, 'jiuting.db');
  openDatabase(dbPath).close();
  chmodSync(dataDir, 0o755);
  chmodSync(dbPath, 0o644);
  makePrivateDir(dataDir);
  openDatabase(dbPath).close();
  expect(mode(dataDir)).toBe(0o700);
  expect(mode(dbPath)).toBe(0o600);
});
