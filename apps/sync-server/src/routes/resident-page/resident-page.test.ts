import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing.ts';

// The static plugin's rule for a resident's QR link: /r/<token> opens resident.html (the small
// residents' page), never the collectors' app shell.

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jiuting-resident-page-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>collectors</title>');
  writeFileSync(join(dir, 'resident.html'), '<!doctype html><title>residents</title>');
  mkdirSync(join(dir, 'assets'));
  const script = `console.log(${JSON.stringify('九亭'.repeat(500))});`;
  writeFileSync(join(dir, 'assets', 'resident-abc.js'), script);
  writeFileSync(join(dir, 'assets', 'resident-abc.js.gz'), gzipSync(script));
  writeFileSync(join(dir, 'resident.html.gz'), gzipSync('<!doctype html><title>residents</title>'));
  ({ app, cleanup } = await buildTestApp({ staticDir: dir }));
});
afterAll(async () => {
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('resident QR link page', () => {
  it('answers /r/<token> with resident.html, re-checked on every visit', async () => {
    const token = app.repos.communities.get('DEMO03')?.qrToken as string;
    for (const url of [`/r/${token}`, `/r/${token}/`, `/r/${token}?from=wechat`]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<title>residents</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it("still opens the collectors' app for its own paths, and never for /r/ deeper paths", async () => {
    expect((await app.inject({ method: 'GET', url: '/survey/abc' })).body).toContain('collectors');
    expect((await app.inject({ method: 'GET', url: '/r/a/b' })).body).toContain('collectors');
    expect((await app.inject({ method: 'GET', url: '/r' })).body).toContain('collectors');
  });

  it("sends the build's gzip file to a browser that accepts it, and the plain file otherwise", async () => {
    const zipped = await app.inject({
      method: 'GET',
      url: '/assets/resident-abc.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toContain('javascript');
    expect(zipped.headers['cache-control']).toContain('immutable');
    expect(gunzipSync(zipped.rawPayload).toString()).toContain('九亭');
    const plain = await app.inject({ method: 'GET', url: '/assets/resident-abc.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('九亭');

    const page = await app.inject({
      method: 'GET',
      url: '/r/some-token',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(page.rawPayload).toString()).toContain('residents');
  });

  it('answers an unknown token with the page too: the page itself says the link is invalid', async () => {
    const res = await app.inject({ method: 'GET', url: '/r/not-a-token' });
    expect(res.body).toContain('residents');
    const api = await app.inject({ method: 'GET', url: '/api/public/q/not-a-token' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error).toBe('qr_link_invalid');
  });
});
