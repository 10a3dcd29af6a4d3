import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, loginAs } from '../testing.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup() {
  const built = await buildTestApp();
  cleanups.push(built.cleanup);
  return built.app;
}

// The router decodes `%61` to `a`: these paths reach the API routes, so they must be guarded too.
describe('percent-encoded API paths', () => {
  it('refuse a state change without X-Jiuting-Client: no year is created, no QR link rotated', async () => {
    const app = await setup();
    const admin = await loginAs(app, 'admin');
    const year = await app.inject({
      method: 'POST',
      url: '/%61pi/assessment/years',
      headers: { cookie: admin.cookie },
      payload: { year: 2031 },
    });
    expect(year.statusCode).toBe(403);
    expect(year.json().error).toBe('csrf_header_missing');
    const years = await app.inject({
      method: 'GET',
      url: '/api/assessment/years',
      headers: { cookie: admin.cookie },
    });
    expect(years.json().years).toEqual([]);

    const before = app.repos.communities.get('DEMO01')?.qrToken;
    const rotate = await app.inject({
      method: 'POST',
      url: '/%61pi/communities/DEMO01/qr-token',
      headers: { cookie: admin.cookie, 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(rotate.statusCode).toBe(403);
    expect(rotate.json().error).toBe('csrf_header_missing');
    expect(app.repos.communities.get('DEMO01')?.qrToken).toEqual(before);
  });

  it('still accept the same request with the header (the guard is the header, not the spelling)', async () => {
    const app = await setup();
    const admin = await loginAs(app, 'admin');
    const year = await app.inject({
      method: 'POST',
      url: '/%61pi/assessment/years',
      headers: { ...CLIENT_HEADERS, cookie: admin.cookie },
      payload: { year: 2031 },
    });
    expect(year.statusCode).toBe(200);
  });

  it('are answered with Cache-Control: no-store', async () => {
    const app = await setup();
    const coordinator = await loginAs(app, 'coordinator');
    for (const url of ['/%61pi/feedback/texts', '/api/feedback/texts', '/%61pi/nothing']) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: coordinator.cookie } });
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });
});
