import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sampleInterview, sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs } from '../testing.ts';
import { createIngest, type IngestPrepared, type ItemResult } from './ingest.ts';
import { type SyncBatch, type SyncWriter, threadWriter } from './sync-writer.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
/** Where a writer stores in process (its fallback): the app's own connection. */
let ingestPrepared: IngestPrepared;
let writer: SyncWriter | undefined;
const warnings: string[] = [];
const errors: { obj: object; msg: string }[] = [];
const log = {
  warn: (_: object, msg: string) => warnings.push(msg),
  error: (obj: object, msg: string) => errors.push({ obj, msg }),
};

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  ({ ingestPrepared } = createIngest({ db: app.db, ...app.repos }));
});
afterEach(async () => {
  await writer?.close();
  writer = undefined;
  warnings.length = 0;
  errors.length = 0;
  await cleanup();
});

function batchOf(items: unknown[]): SyncBatch {
  return {
    items,
    ctx: {
      receivedAt: new Date().toISOString(),
      userId: null,
      sessionId: null,
      source: 'sync',
      exportedBy: null,
      communities: 'all',
      kinds: new Set(['survey', 'interview', 'visit'] as const),
    },
    log,
    audit: { at: new Date().toISOString(), action: 'synced' },
  };
}

const statuses = (results: ItemResult[]) => results.map((r) => r.status);
const count = (table: 'responses' | 'interviews') =>
  app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
const syncedAudit = () =>
  app.db
    .prepare("SELECT detail FROM audit WHERE action = 'synced' ORDER BY id")
    .pluck()
    .all()
    .map((d) => JSON.parse(d as string));

/** A stand-in for the writer's thread that answers every batch with `reply(seq)`. */
function scriptedWorker(reply: string): () => Worker {
  return () =>
    new Worker(
      `const { parentPort } = require('node:worker_threads');
       parentPort.on('message', (m) => {
         if (m === 'close') { parentPort.close(); return; }
         const seq = m.seq;
         ${reply}
       });`,
      { eval: true },
    );
}

describe('the sync writer thread', () => {
  it('stores batches on its own connection, and the app reads them at once', async () => {
    writer = threadWriter(app.db.name, ingestPrepared, log);
    const items = [sampleSurvey(), sampleInterview(), { ...sampleSurvey(), answers: { q1: 'Z' } }];
    expect(statuses(await writer.store(batchOf(items)))).toEqual([
      'accepted',
      'accepted',
      'rejected',
    ]);
    // The same items again: the thread stays up between batches, and finds them stored.
    expect(statuses(await writer.store(batchOf(items.slice(0, 2))))).toEqual([
      'duplicate',
      'duplicate',
    ]);
    expect(count('responses')).toBe(1);
    expect(count('interviews')).toBe(1);
    expect(syncedAudit()).toEqual([
      { accepted: 2, duplicate: 0, conflict: 0, rejected: 1, retry: 0 },
      { accepted: 0, duplicate: 2, conflict: 0, rejected: 0, retry: 0 },
    ]);
    expect(writer.counts()).toEqual({ thread: 2, inProcess: 0 });
    expect(warnings).toEqual([]);
  });

  it('lets the app write while it stores: the app waits for the write lock instead of failing', async () => {
    writer = threadWriter(app.db.name, ingestPrepared, log);
    // The thread is up once it has answered a first batch.
    await writer.store(batchOf([sampleSurvey()]));
    const batches = Array.from({ length: 40 }, () =>
      batchOf(Array.from({ length: 50 }, () => sampleSurvey())),
    );
    // One phone after another, each batch its own transaction.
    let storing = true;
    const stored = (async () => {
      const answers: ItemResult[][] = [];
      for (const b of batches) answers.push((await writer?.store(b)) ?? []);
      storing = false;
      return answers;
    })();
    // Read-then-write transactions on the app's connection for as long as the writer commits.
    const name = app.db.prepare('SELECT name FROM communities WHERE code = ?').pluck();
    const rename = app.db.prepare('UPDATE communities SET name = ? WHERE code = ?');
    let renames = 0;
    while (storing) {
      app.db.transaction(() => rename.run(`${name.get('DEMO01')}·`, 'DEMO01'))();
      renames += 1;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    for (const results of await stored) {
      expect(statuses(results)).toEqual(Array(50).fill('accepted'));
    }
    expect(count('responses')).toBe(2001);
    expect(renames).toBeGreaterThan(5);
    expect(name.get('DEMO01')).toMatch(new RegExp(`·{${renames}}$`));
  });

  it('fails a batch the writer could not store, as in process, and relays its log lines', async () => {
    writer = threadWriter(
      app.db.name,
      ingestPrepared,
      log,
      scriptedWorker(`
        parentPort.postMessage({ seq, log: { level: 'error', obj: { itemId: 'x' }, msg: 'storing a sync item failed' } });
        parentPort.postMessage({ seq, failed: { message: 'database or disk is full', code: 'SQLITE_FULL' } });`),
    );
    await expect(writer.store(batchOf([sampleSurvey()]))).rejects.toMatchObject({
      message: 'database or disk is full',
      code: 'SQLITE_FULL',
    });
    expect(errors).toEqual([{ obj: { itemId: 'x' }, msg: 'storing a sync item failed' }]);
    expect(count('responses')).toBe(0);
  });

  it('stores in process the batches of a writer that dies, and stops starting one after three deaths', async () => {
    let started = 0;
    const dying = () => {
      started += 1;
      return new Worker('throw new Error("writer died")', { eval: true });
    };
    writer = threadWriter(app.db.name, ingestPrepared, log, dying);
    for (let i = 0; i < 5; i += 1) {
      expect(statuses(await writer.store(batchOf([sampleSurvey()])))).toEqual(['accepted']);
    }
    expect(count('responses')).toBe(5);
    expect(started).toBe(3);
    expect(writer.counts()).toEqual({ thread: 0, inProcess: 5 });
    expect(warnings).toEqual(Array(3).fill('sync writer failed; batches stored in process'));
  });

  it('stores in process after a writer that died in the middle of a transaction, with nothing of it kept', async () => {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    // A writer that takes the write lock, writes half a batch, and dies holding it.
    const diesHoldingTheLock = () =>
      new Worker(
        `const Database = require(${JSON.stringify(driver)});
         const db = new Database(${JSON.stringify(app.db.name)});
         db.exec('BEGIN IMMEDIATE');
         db.prepare("UPDATE communities SET name = 'half-written' WHERE code = 'DEMO01'").run();
         throw new Error('writer died');`,
        { eval: true },
      );
    writer = threadWriter(app.db.name, ingestPrepared, log, diesHoldingTheLock);
    expect(statuses(await writer.store(batchOf([sampleSurvey()])))).toEqual(['accepted']);
    expect(count('responses')).toBe(1);
    expect(
      app.db.prepare("SELECT count(*) FROM communities WHERE name = 'half-written'").pluck().get(),
    ).toBe(0);
  });

  it('answers duplicate, not twice stored, a batch its dying writer had already committed', async () => {
    const item = sampleSurvey();
    // A writer that dies right after its batch committed, before answering.
    const committedThenDied = () => {
      app.ingest([item], batchOf([item]).ctx, log);
      return new Worker('setTimeout(() => process.exit(1), 10)', { eval: true });
    };
    writer = threadWriter(app.db.name, ingestPrepared, log, committedThenDied);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const results = await writer.store(batchOf([item]));
    expect(statuses(results)).toEqual(['duplicate']);
    expect(count('responses')).toBe(1);
  });
});

describe('POST /api/sync through the writer thread', () => {
  let withWriter: Awaited<ReturnType<typeof buildTestApp>>;
  let collector: LoggedIn;
  beforeEach(async () => {
    withWriter = await buildTestApp({ syncWriter: true });
    collector = await loginAs(withWriter.app, 'canvasser', ['DEMO01']);
  });
  afterEach(async () => withWriter.cleanup());

  const sync = (items: unknown[]) =>
    withWriter.app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { ...CLIENT_HEADERS, cookie: collector.cookie },
      payload: { items },
    });

  it('stores nothing of a batch whose audit row cannot be written, answers 500, and the resend stores it', async () => {
    const db = withWriter.app.db;
    // Not a temporary trigger: the writer's thread has a connection of its own.
    db.exec(`CREATE TRIGGER fail_synced BEFORE INSERT ON audit WHEN NEW.action = 'synced'
             BEGIN SELECT RAISE(ABORT, 'audit insert refused by the test'); END`);
    const items = [sampleSurvey(), sampleSurvey()];
    const failed = await sync(items);
    expect(failed.statusCode).toBe(500);
    expect(failed.json().error).toBe('internal_error');
    expect(db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
    db.exec('DROP TRIGGER fail_synced');
    const again = await sync(items);
    expect(statuses(again.json().results)).toEqual(['accepted', 'accepted']);
    expect(db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(2);
    expect(withWriter.app.syncWriter.counts()).toEqual({ thread: 1, inProcess: 0 });
  });
});
