import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  buildTestApp,
  CLIENT_HEADERS,
  type LoggedIn,
  loginAs,
  sampleInterview,
  sampleSurvey,
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

it('stores a saved outbox file once, attributed to the coordinator with the file exporter kept; loading it again adds nothing', async () => {
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
    { user_id: coordinator.userId, source: 'outbox', exported_by: 'canvasser-li' },
  ]);
  expect(app.db.prepare('SELECT count(*) FROM interviews').pluck().get()).toBe(1);
  expect(app.repos.audit.list().filter((a) => a.action === 'outbox_imported')).toHaveLength(2);
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
    exportedBy: { username: 'c' },
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
  const importing = load({
    format: 'jiuting-outbox',
    version: 1,
    exportedAt: '2025-11-21T09:00:00+08:00',
    exportedBy: 'canvasser-li',
    items,
  });
  while (stored() === 0) await new Promise((resolve) => setImmediate(resolve));
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
