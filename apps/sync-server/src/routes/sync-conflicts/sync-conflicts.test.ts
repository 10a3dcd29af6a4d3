import { createHash } from 'node:crypto';
import { sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../json/canonical-json.ts';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs, syncItems } from '../../testing.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;
let canvasser: LoggedIn;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  coordinator = await loginAs(app, 'coordinator');
  canvasser = await loginAs(app, 'canvasser', ['DEMO01']);
});
afterEach(async () => cleanup());

const hashOf = (item: unknown) => createHash('sha256').update(canonicalJson(item)).digest('hex');
const conflicts = (who: LoggedIn = coordinator, query = '') =>
  app.inject({
    method: 'GET',
    url: `/api/sync-conflicts${query}`,
    headers: { cookie: who.cookie },
  });

describe('sync conflicts', () => {
  it('are recorded with the record id, who sent it, when, and both hashes, and listed for coordinators without content', async () => {
    const original = sampleSurvey({ householdAddress: '88号楼1808室' });
    const changed = { ...original, householdAddress: '77号楼1707室' };
    await syncItems(app, canvasser, [original]);
    const res = await syncItems(app, canvasser, [changed]);
    expect(res.json().results[0].status).toBe('conflict');

    const list = await conflicts();
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, page: 1 });
    expect(list.json().items).toEqual([
      {
        conflictId: expect.any(Number),
        id: original.id,
        at: expect.any(String),
        userId: canvasser.userId,
        username: canvasser.username,
        displayName: '测试canvasser',
        sessionId: expect.any(String),
        source: 'sync',
        kind: 'survey',
        communityCode: 'DEMO01',
        storedHash: hashOf(original),
        receivedHash: hashOf(changed),
      },
    ]);
    expect(list.body).not.toContain('1808室');
    expect(list.body).not.toContain('1707室');
  });

  it('are recorded for a loaded outbox file too, and nothing for a plain resend', async () => {
    const item = sampleSurvey();
    await syncItems(app, canvasser, [item]);
    await syncItems(app, canvasser, [item]); // a duplicate, not a conflict
    const load = await app.inject({
      method: 'POST',
      url: '/api/outbox-import',
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
      payload: {
        format: 'jiuting-outbox',
        version: 1,
        exportedAt: '2025-11-21T09:00:00+08:00',
        exportedBy: canvasser.username,
        items: [{ ...item, collectedAt: '2025-11-20T11:00:00+08:00' }],
      },
    });
    expect(load.json().results[0].status).toBe('conflict');
    const items = (await conflicts()).json().items;
    expect(items).toHaveLength(1);
    // A loaded file is credited to the collector it names, so its conflict is theirs too; the
    // session is the coordinator's who loaded it.
    expect(items[0]).toMatchObject({
      id: item.id,
      source: 'outbox',
      userId: canvasser.userId,
      sessionId: expect.any(String),
    });
  });

  it('are not written when the batch’s transaction fails', async () => {
    const item = sampleSurvey();
    await syncItems(app, canvasser, [item]);
    app.db.pragma('query_only = ON');
    const failed = await syncItems(app, canvasser, [{ ...item, channel: 'phone' }]);
    app.db.pragma('query_only = OFF');
    expect(failed.statusCode).toBe(500);
    expect((await conflicts()).json().total).toBe(0);
  });

  it('are for coordinators and admins only', async () => {
    expect((await conflicts(canvasser)).statusCode).toBe(403);
    const admin = await loginAs(app, 'admin');
    expect((await conflicts(admin)).statusCode).toBe(200);
  });
});
