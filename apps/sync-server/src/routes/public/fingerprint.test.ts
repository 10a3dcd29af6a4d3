import { sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, loginAs } from '../../testing.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let token: string;
let clock: Date;

beforeEach(async () => {
  clock = new Date('2025-11-20T08:00:00.000Z');
  ({ app, cleanup } = await buildTestApp({ now: () => clock }));
  token = app.repos.communities.get('DEMO07')?.qrToken as string;
});
afterEach(async () => cleanup());

const UA = 'Mozilla/5.0 (Linux; Android 13) MicroMessenger/8.0.40';
const submit = (ip: string, ua = UA, collectedAt = '2025-11-20T10:00:00+08:00') => {
  const body = sampleSurvey({ communityCode: 'DEMO07', channel: 'qr', collectedAt });
  return app
    .inject({
      method: 'POST',
      url: `/api/public/q/${token}/responses`,
      headers: { ...CLIENT_HEADERS, 'user-agent': ua },
      remoteAddress: ip,
      payload: body,
    })
    .then((res) => {
      expect(res.statusCode).toBe(200);
      return body.id as string;
    });
};
const openYear = async (year: number) => {
  const { cookie } = await loginAs(app, 'coordinator');
  const res = await app.inject({
    method: 'POST',
    url: '/api/assessment/years',
    headers: { ...CLIENT_HEADERS, cookie },
    payload: { year },
  });
  expect(res.statusCode, res.body).toBe(200);
};
const fingerprintOf = (id: string) =>
  app.db.prepare('SELECT client_fingerprint FROM responses WHERE id = ?').pluck().get(id);

describe('the QR answer’s coarse fingerprint', () => {
  it('is shared by one network and browser, differs for another network, and stores no address or user agent', async () => {
    const a = await submit('203.0.113.7');
    const b = await submit('203.0.113.250');
    const c = await submit('198.51.100.7');
    expect(fingerprintOf(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf(b)).toBe(fingerprintOf(a));
    expect(fingerprintOf(c)).not.toBe(fingerprintOf(a));
    const everything = JSON.stringify(app.db.prepare('SELECT * FROM responses').all());
    expect(everything).not.toContain('203.0.113');
    expect(everything).not.toContain('MicroMessenger');
  });

  it('is salted per assessment year, not per calendar year: January answers of the open 2025 round compare with December’s', async () => {
    await openYear(2025);
    const december = await submit('203.0.113.7');
    clock = new Date('2026-01-05T02:00:00.000Z');
    const january = await submit('203.0.113.7', UA, '2026-01-05T09:00:00+08:00');
    expect(fingerprintOf(january)).toBe(fingerprintOf(december));
    expect(app.db.prepare('SELECT year FROM fingerprint_salts').pluck().all()).toEqual([2025]);
  });

  it('is kept only for its assessment year: the next year’s first answer deletes the old salt and fingerprints', async () => {
    await openYear(2025);
    const old = await submit('203.0.113.7');
    clock = new Date('2026-01-05T02:00:00.000Z');
    await openYear(2026);
    // Opening the year rotated the posters' links.
    token = app.repos.communities.get('DEMO07')?.qrToken as string;
    const next = await submit('203.0.113.7', UA, '2026-01-05T09:00:00+08:00');
    expect(fingerprintOf(old)).toBeNull();
    expect(fingerprintOf(next)).toMatch(/^[0-9a-f]{64}$/);
    expect(app.db.prepare('SELECT year FROM fingerprint_salts').pluck().all()).toEqual([2026]);
  });
});
