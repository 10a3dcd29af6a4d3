import { COUNTED_RESPONSE_RULE } from '@jiuting/questionnaire';
import { sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

const ADDRESS = '100弄12号301室';

function answerByQr(answers?: Record<string, unknown>) {
  const token = app.repos.communities.get('DEMO01')?.qrToken as string;
  const item = sampleSurvey({ householdAddress: ADDRESS, channel: 'qr', ...(answers ?? {}) });
  return app.inject({
    method: 'POST',
    url: `/api/public/q/${token}/responses`,
    headers: CLIENT_HEADERS,
    payload: item,
  });
}

const counted = () =>
  app.db
    .prepare('SELECT channel, counted FROM responses WHERE household_key = ? ORDER BY seq')
    .all('100弄12号301室');

describe(`which response of a household counts (${COUNTED_RESPONSE_RULE})`, () => {
  it('a canvasser’s response takes the count from an earlier QR answer; both are kept', async () => {
    expect((await answerByQr()).statusCode).toBe(200);
    expect(counted()).toEqual([{ channel: 'qr', counted: 1 }]);
    const res = await syncItems(app, canvasser, [sampleSurvey({ householdAddress: ADDRESS })]);
    expect(res.json().results[0]).toMatchObject({ status: 'accepted', repeat: false });
    expect(counted()).toEqual([
      { channel: 'qr', counted: 0 },
      { channel: 'door', counted: 1 },
    ]);
    const cov = await app.inject({
      method: 'GET',
      url: '/api/coverage',
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
    });
    const row = cov.json().communities.find((c: { code: string }) => c.code === 'DEMO01');
    expect(row).toMatchObject({ surveyedHouseholds: 1, responses: 2, repeats: 1 });
  });

  it('a QR answer after a canvasser’s is a repeat', async () => {
    await syncItems(app, canvasser, [sampleSurvey({ householdAddress: ADDRESS })]);
    await answerByQr();
    expect(counted()).toEqual([
      { channel: 'door', counted: 1 },
      { channel: 'qr', counted: 0 },
    ]);
  });

  it('a canvasser’s response that fails to store leaves the QR answer counted, and takes the count when resent', async () => {
    // The two writes (the QR answer's count given up, the response stored) land together.
    expect((await answerByQr()).statusCode).toBe(200);
    const coverage = () =>
      app.db
        .prepare('SELECT responses, counted, score_sum FROM coverage_daily ORDER BY user_key')
        .all();
    const before = coverage();
    app.db.exec(`CREATE TRIGGER refuse_door AFTER INSERT ON responses
      WHEN NEW.channel = 'door' BEGIN SELECT RAISE(ABORT, 'simulated'); END`);
    const door = sampleSurvey({ householdAddress: ADDRESS });
    const res = await syncItems(app, canvasser, [door]);
    expect(res.json().results[0]).toMatchObject({ id: door.id, status: 'retry' });
    expect(counted()).toEqual([{ channel: 'qr', counted: 1 }]);
    expect(coverage()).toEqual(before);
    app.db.exec('DROP TRIGGER refuse_door');
    const again = await syncItems(app, canvasser, [door]);
    expect(again.json().results[0]).toMatchObject({ status: 'accepted', repeat: false });
    expect(counted()).toEqual([
      { channel: 'qr', counted: 0 },
      { channel: 'door', counted: 1 },
    ]);
  });

  it('the QR answer counts again when the canvasser’s is marked invalid', async () => {
    await answerByQr();
    const door = sampleSurvey({ householdAddress: ADDRESS });
    await syncItems(app, canvasser, [door]);
    const res = await app.inject({
      method: 'POST',
      url: `/api/review/responses/${door.id}/invalidate`,
      headers: { ...CLIENT_HEADERS, cookie: coordinator.cookie },
      payload: { reason: '录错门牌' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(counted()).toEqual([
      { channel: 'qr', counted: 1 },
      { channel: 'door', counted: 0 },
    ]);
  });
});
