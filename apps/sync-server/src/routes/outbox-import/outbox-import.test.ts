import { sampleInterview, sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrate } from '../../db/migrate.ts';
import { reportsRepository } from '../../repositories/reports.ts';
import {
  buildTestApp,
  CLIENT_HEADERS,
  createUser,
  failAuditInserts,
  type LoggedIn,
  loginAs,
} from '../../testing.ts';
import { IMPORT_CHUNK_ITEMS } from './index.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  coordinator = await loginAs(app, 'coordinator');
});
afterEach(async () => cleanup());

const load = (file: unknown) =>
  app.inject({
    method: 'POST',
    url: '/api/outbox-import',
    headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
    payload: file as object,
  });

it('stores a saved outbox file once, credited to the collector it names; loading it again adds nothing', async () => {
  const li = await createUser(app, 'canvasser', ['DEMO01'], 'canvasser-li');
  const file = {
    format: 'jiuting-outbox',
    version: 1,
    exportedAt: '2025-11-21T09:00:00+08:00',
    exportedBy: 'canvasser-li',
    items: [sampleSurvey(), sampleInterview(), sampleSurvey({ answers: {} })],
  };
  const first = (await load(file)).json().results.map((r: { status: string }) => r.status);
  expect(first).toEqual(['accepted', 'accepted', 'rejected']);
  const second = (await load(file)).json().results.map((r: { status: string }) => r.status);
  expect(second).toEqual(['duplicate', 'duplicate', 'rejected']);
  expect(app.db.prepare('SELECT user_id, source, exported_by FROM responses').all()).toEqual([
    { user_id: li.id, source: 'outbox', exported_by: 'canvasser-li' },
  ]);
  expect(app.db.prepare('SELECT user_id FROM interviews').pluck().all()).toEqual([li.id]);
  const audits = app.repos.audit.list().filter((a) => a.action === 'outbox_imported');
  expect(audits).toHaveLength(2);
  expect(audits.map((a) => a.actorUserId)).toEqual([coordinator.userId, coordinator.userId]);
});

it('coverage, review and the exports all credit a loaded file to the collector it names, not to the coordinator', async () => {
  const li = await createUser(app, 'canvasser', ['DEMO01'], 'canvasser-li');
  const survey = sampleSurvey();
  const interview = sampleInterview();
  const res = await load({
    format: 'jiuting-outbox',
    version: 1,
    exportedAt: '2025-11-21T09:00:00+08:00',
    exportedBy: 'canvasser-li',
    items: [survey, interview],
  });
  expect(res.statusCode).toBe(200);
  await expectCreditedTo(li.id, 'canvasser-li', survey.id as string);
});

async function expectCreditedTo(userId: string, username: string, surveyId: string) {
  const coverage = await app.inject({
    method: 'GET',
    url: '/api/coverage',
    headers: { cookie: coordinator.cookie },
  });
  const collectors = coverage.json().collectors as Array<{
    userId: string;
    responses: number;
    interviews: number;
  }>;
  expect(collectors.map((c) => [c.userId, c.responses, c.interviews])).toEqual([[userId, 1, 1]]);
  const review = await app.inject({
    method: 'GET',
    url: '/api/review/responses',
    headers: { cookie: coordinator.cookie },
  });
  const item = (review.json().items as Array<{ id: string; collector: string }>).find(
    (i) => i.id === surveyId,
  );
  expect(item?.collector).toBe(app.repos.users.findById(userId)?.displayName);
  // What the exports read.
  const reports = reportsRepository(app.db);
  expect(reports.countedResponses(2025).map((r) => r.collector)).toEqual([username]);
  expect(reports.validInterviews(2025).map((r) => r.collector)).toEqual([username]);
}

it('moves items loaded before this rule (credited to the coordinator) to the collector their file named', async () => {
  const li = await createUser(app, 'canvasser', ['DEMO01'], 'canvasser-li');
  const survey = sampleSurvey();
  await load({
    format: 'jiuting-outbox',
    version: 1,
    exportedAt: 'x',
    exportedBy: 'canvasser-li',
    items: [survey, sampleInterview()],
  });
  // As the old import stored them.
  app.db.prepare('UPDATE responses SET user_id = ?').run(coordinator.userId);
  app.db.prepare('UPDATE interviews SET user_id = ?').run(coordinator.userId);
  app.db.prepare('DELETE FROM schema_migrations WHERE version = 27').run();

  expect(migrate(app.db)).toEqual([27]);
  await expectCreditedTo(li.id, 'canvasser-li', survey.id as string);
});

it('refuses a file naming no account, with a Chinese reason, and stores nothing', async () => {
  const res = await load({
    format: 'jiuting-outbox',
    version: 1,
    exportedAt: 'x',
    exportedBy: 'nobody-here',
    items: [sampleSurvey()],
  });
  expect(res.statusCode).toBe(400);
  expect(res.json().error).toBe('outbox_collector_unknown');
  expect(res.json().issues[0].message).toContain('nobody-here');
  expect(app.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
});

it('answers duplicate for items a phone already synced before its file was loaded', async () => {
  const canvasser = await loginAs(app, 'canvasser');
  const item = sampleSurvey();
  await app.inject({
    method: 'POST',
    url: '/api/sync',
    headers: { ...CLIENT_HEADERS, cookie: canvasser.cookie },
    payload: { items: [item] },
  });
  const res = await load({
    format: 'jiuting-outbox',
    version: 1,
    exportedAt: 'x',
    exportedBy: { username: canvasser.username },
    items: [item],
  });
  expect(res.json().results[0].status).toBe('duplicate');
  expect(app.db.prepare('SELECT user_id FROM responses').pluck().get()).toBe(canvasser.userId);
});

it('refuses a file that is not an outbox export', async () => {
  const res = await load({ format: 'something-else', version: 1, items: [sampleSurvey()] });
  expect(res.statusCode).toBe(400);
  expect(res.json().error).toBe('validation_failed');
  expect(app.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
});

it('stores a large file in chunks, in order, answering other requests between the chunks', async () => {
  const items = Array.from({ length: 2 * IMPORT_CHUNK_ITEMS + 1 }, () => sampleSurvey());
  // The same item again in a later chunk: the first copy stores it, the second finds it.
  items[IMPORT_CHUNK_ITEMS + 3] = items[2] as (typeof items)[number];
  const stored = () => app.db.prepare('SELECT count(*) FROM responses').pluck().get() as number;
  await createUser(app, 'canvasser', ['DEMO01'], 'canvasser-li');
  const importing = load({
    format: 'jiuting-outbox',
    version: 1,
    exportedAt: '2025-11-21T09:00:00+08:00',
    exportedBy: 'canvasser-li',
    items,
  });
  let settled = false;
  void importing.finally(() => {
    settled = true;
  });
  // Until the first chunk is in (a refused file settles without one, and fails below).
  while (stored() === 0 && !settled) await new Promise((resolve) => setImmediate(resolve));
  const ping = await app.inject({ method: 'GET', url: '/api/ping' });
  const storedWhenPingAnswered = stored();
  const results = (await importing).json().results as { id: string; status: string }[];
  expect(ping.statusCode).toBe(200);
  expect(storedWhenPingAnswered).toBeLessThan(items.length - 1);
  expect(results.map((r) => r.id)).toEqual(items.map((i) => i.id));
  expect(results.filter((r) => r.status === 'duplicate')).toEqual([
    { id: items[2]?.id, status: 'duplicate', repeat: false },
  ]);
  expect(stored()).toBe(items.length - 1);
});

it('stores none of a file whose loading cannot be audited, and loading it again later stores it', async () => {
  await createUser(app, 'canvasser', ['DEMO01'], 'canvasser-li');
  const file = {
    format: 'jiuting-outbox',
    version: 1,
    exportedAt: '2025-11-21T09:00:00+08:00',
    exportedBy: 'canvasser-li',
    items: [sampleSurvey(), sampleInterview()],
  };
  failAuditInserts(app, 'audit', 'outbox_imported');
  expect((await load(file)).statusCode).toBe(500);
  expect(app.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
  expect(app.db.prepare('SELECT count(*) FROM interviews').pluck().get()).toBe(0);
  app.db.exec('DROP TRIGGER temp.fail_audit_inserts');
  const again = (await load(file)).json().results.map((r: { status: string }) => r.status);
  expect(again).toEqual(['accepted', 'accepted']);
});
