import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, loginAs, sampleSurvey } from '../testing.ts';
import { backupDatabase } from './backup.ts';
import { openDatabase } from './open.ts';

it('copies the live database, with every acked response, while the server keeps it open', async () => {
  const { app, dbPath, cleanup } = await buildTestApp();
  try {
    const canvasser = await loginAs(app, 'canvasser');
    const items = [sampleSurvey(), sampleSurvey(), sampleSurvey()];
    await app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { ...CLIENT_HEADERS, cookie: canvasser.cookie },
      payload: { items },
    });
    // A second connection, as `npm run backup` opens beside the running server.
    const other = openDatabase(dbPath);
    const path = await backupDatabase(other, dirname(dbPath), new Date('2025-11-20T10:30:00Z'));
    other.close();
    expect(path).toMatch(/backups\/2025-11-20T10-30-00-000Z\.db$/);
    const copy = new Database(path, { readonly: true });
    expect(copy.prepare('SELECT id FROM responses ORDER BY seq').pluck().all()).toEqual(
      items.map((i) => i.id),
    );
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  } finally {
    await cleanup();
  }
});
