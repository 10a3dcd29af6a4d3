import { sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  CLIENT_HEADERS,
  failAuditInserts,
  type LoggedIn,
  loginAs,
} from '../../testing.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let coordinator: LoggedIn;
let token: string;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  coordinator = await loginAs(app, 'coordinator');
  token = app.repos.communities.get('DEMO07')?.qrToken as string;
});
afterEach(async () => cleanup());

const submit = (body: unknown, t = token, ip = '203.0.113.7') =>
  app.inject({
    method: 'POST',
    url: `/api/public/q/${t}/responses`,
    headers: CLIENT_HEADERS,
    remoteAddress: ip,
    payload: body as object,
  });

const resident = (overrides: Record<string, unknown> = {}) =>
  sampleSurvey({ communityCode: 'DEMO07', channel: 'qr', ...overrides });

describe('resident QR link', () => {
  it('names the community and the questionnaire without a login', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/public/q/${token}` });
    expect(res.json()).toEqual({
      community: { code: 'DEMO07', name: '示例07（演示数据）' },
      questionnaire: { id: 'jiuting-2025', version: 1 },
      assessmentYear: 2025,
      questionnaireVersion: 1,
    });
  });

  it('accepts a response, answers duplicate on resend, and keeps a second answer from the household as a repeat without telling the sender', async () => {
    const first = resident({ householdAddress: '8号楼802室' });
    expect((await submit(first)).json()).toEqual({ id: first.id, status: 'accepted' });
    expect((await submit(first)).json()).toEqual({ id: first.id, status: 'duplicate' });
    const again = resident({ householdAddress: '8-802' });
    // The same answer as for a first one: whoever holds the link cannot probe an address.
    expect((await submit(again)).json()).toEqual({ id: again.id, status: 'accepted' });
    const rows = app.db
      .prepare("SELECT counted, user_id, source FROM responses WHERE channel = 'qr' ORDER BY seq")
      .all();
    expect(rows).toEqual([
      { counted: 1, user_id: null, source: 'qr' },
      { counted: 0, user_id: null, source: 'qr' },
    ]);
  });

  it('audits each resident answer with its community and outcome, keeping no IP and no answer', async () => {
    const first = resident({ householdAddress: '9号楼901室' });
    await submit(first);
    await submit(first);
    const rows = app.db
      .prepare(
        "SELECT actor_user_id, target, ip, detail FROM audit WHERE action = 'resident_response' ORDER BY id",
      )
      .all();
    expect(rows).toEqual([
      { actor_user_id: null, target: 'DEMO07', ip: null, detail: '{"status":"accepted"}' },
      { actor_user_id: null, target: 'DEMO07', ip: null, detail: '{"status":"duplicate"}' },
    ]);
  });

  it('stores no answer whose audit row cannot be written, and the resend stores it', async () => {
    const answer = resident();
    failAuditInserts(app, 'audit', 'resident_response');
    expect((await submit(answer)).statusCode).toBe(500);
    expect(app.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
    app.db.exec('DROP TRIGGER temp.fail_audit_inserts');
    expect((await submit(answer)).json()).toEqual({ id: answer.id, status: 'accepted' });
  });

  it('refuses a channel other than qr and a response for another community', async () => {
    const door = await submit(resident({ channel: 'door' }));
    expect(door.statusCode).toBe(400);
    expect(door.json().error).toBe('channel_not_allowed');
    const other = await submit(resident({ communityCode: 'DEMO08' }));
    expect(other.statusCode).toBe(400);
    expect(other.json().issues[0].path).toBe('communityCode');
    const noAddress = await submit(resident({ householdAddress: '' }));
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().issues[0].path).toBe('householdAddress');
    expect(app.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
  });

  it('stops working once a coordinator rotates the link, and the new link works', async () => {
    const rotated = await app.inject({
      method: 'POST',
      url: '/api/communities/DEMO07/qr-token',
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
    });
    const fresh = rotated.json().token;
    expect(fresh).not.toBe(token);
    const old = await submit(resident());
    expect(old.statusCode).toBe(404);
    expect(old.json().error).toBe('qr_link_invalid');
    expect((await submit(resident(), fresh)).statusCode).toBe(200);
  });

  it('answers 429 rate_limited after 20 submissions a minute from one address, not from another', async () => {
    for (let i = 0; i < 20; i += 1) expect((await submit(resident())).statusCode).toBe(200);
    const blocked = await submit(resident());
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toBe('rate_limited');
    expect((await submit(resident(), token, '198.51.100.9')).statusCode).toBe(200);
  });

  it('refuses a body over 16 KB with 413', async () => {
    const res = await submit(resident({ answers: { q12: 'x'.repeat(20_000) } }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe('body_too_large');
  });
  it('answers 500 internal_error, not a refusal, when the server fails to store a response, and the resend then stores it', async () => {
    app.db.exec(`CREATE TRIGGER refuse_once BEFORE INSERT ON responses
      BEGIN SELECT RAISE(ABORT, 'simulated'); END`);
    const response = resident();
    const failed = await submit(response);
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toEqual({
      error: 'internal_error',
      message: '服务器内部错误，请稍后重试',
    });
    app.db.exec('DROP TRIGGER refuse_once');
    expect((await submit(response)).json()).toMatchObject({ id: response.id, status: 'accepted' });
  });

  it('refuses a deeply nested body with a stored id as 400, not 500', async () => {
    const stored = resident();
    expect((await submit(stored)).statusCode).toBe(200);
    const { answers: _answers, ...rest } = stored;
    const res = await app.inject({
      method: 'POST',
      url: `/api/public/q/${token}/responses`,
      headers: { ...CLIENT_HEADERS, 'content-type': 'application/json' },
      remoteAddress: '203.0.113.8',
      payload: `${JSON.stringify(rest).slice(0, -1)},"answers":${'['.repeat(7500)}${']'.repeat(7500)}}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('validation_failed');
  });
});
