import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sampleSurvey } from '@jiuting/questionnaire/testing';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { CLIENT_HEADERS, startTestServer } from '../testing.ts';
import { integrityOf, takeBackup } from './backup.ts';
import { openDatabase } from './open.ts';
import { restoreBackup } from './restore.ts';

it('restores a backup taken during writes with every item acknowledged before it began', async () => {
  const server = await startTestServer();
  const restoreDir = join(dirname(server.dbPath), 'restored');
  try {
    const { cookie } = await server.login('canvasser');
    const acked: string[] = [];
    let writing = true;
    // A phone syncing batch after batch over real HTTP, as in the field.
    const phone = (async () => {
      while (writing) {
        const items = Array.from({ length: 20 }, () => sampleSurvey());
        const res = await fetch(`${server.url}/api/sync`, {
          method: 'POST',
          headers: { ...CLIENT_HEADERS, cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ items }),
        });
        const { results } = (await res.json()) as { results: { id: string; status: string }[] };
        for (const r of results) if (r.status === 'accepted') acked.push(r.id);
      }
    })();
    while (acked.length < 200) await new Promise((resolve) => setTimeout(resolve, 5));

    // `npm run backup` opens its own connection beside the running server.
    const ackedBefore = [...acked];
    const other = openDatabase(server.dbPath);
    const backup = await takeBackup(other, {
      dir: join(dirname(server.dbPath), 'backups'),
      now: new Date('2026-03-02T02:30:00Z'),
    });
    other.close();
    while (acked.length < ackedBefore.length + 100) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    writing = false;
    await phone;

    expect(backup.path).toMatch(/backups\/2026-03-02T02-30-00-000Z\.db$/);
    expect(integrityOf(backup.path)).toBe('ok');
    // A single self-contained file: no WAL beside it to lose when it is copied elsewhere.
    expect(readdirSync(dirname(backup.path))).toEqual(['2026-03-02T02-30-00-000Z.db']);

    mkdirSync(restoreDir);
    const dbPath = join(restoreDir, 'jiuting.db');
    writeFileSync(dbPath, 'the database that was there');
    const result = restoreBackup({
      backupPath: backup.path,
      dbPath,
      now: new Date('2026-03-03T09:00:00Z'),
    });
    expect(result.movedAside).toBe(`${dbPath}.before-restore-2026-03-03T09-00-00-000Z`);
    const restored = new Database(dbPath, { readonly: true });
    const ids = new Set(restored.prepare('SELECT id FROM responses').pluck().all() as string[]);
    restored.close();
    expect(ackedBefore.filter((id) => !ids.has(id))).toEqual([]);
    expect(result.responses).toBe(ids.size);
    expect(ids.size).toBeLessThan(acked.length);
  } finally {
    await server.close();
    rmSync(restoreDir, { recursive: true, force: true });
  }
});

it('keeps the newest copies, copies each to a second place, and leaves other files alone', async () => {
  const server = await startTestServer();
  try {
    const dir = join(dirname(server.dbPath), 'backups');
    const copyDir = join(dirname(server.dbPath), 'nas');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'the operator’s own file');
    for (const day of [1, 2, 3, 4]) {
      await takeBackup(server.app.db, {
        dir,
        copyDir,
        keep: 2,
        now: new Date(`2026-03-0${day}T02:30:00Z`),
      });
    }
    expect(readdirSync(dir).sort()).toEqual([
      '2026-03-03T02-30-00-000Z.db',
      '2026-03-04T02-30-00-000Z.db',
      'notes.txt',
    ]);
    expect(readdirSync(copyDir).sort()).toEqual([
      '2026-03-03T02-30-00-000Z.db',
      '2026-03-04T02-30-00-000Z.db',
    ]);
    expect(integrityOf(join(copyDir, '2026-03-04T02-30-00-000Z.db'))).toBe('ok');
  } finally {
    await server.close();
  }
});

it('refuses to restore a damaged backup and leaves the database in place', async () => {
  const server = await startTestServer();
  try {
    const dir = dirname(server.dbPath);
    const broken = join(dir, 'broken.db');
    writeFileSync(broken, 'SQLite format 3\u0000 but not really a database');
    expect(() => restoreBackup({ backupPath: broken, dbPath: join(dir, 'target.db') })).toThrow(
      /^无法读取备份文件|^备份文件已损坏/,
    );
    expect(readdirSync(dir)).not.toContain('target.db');
  } finally {
    await server.close();
  }
});
