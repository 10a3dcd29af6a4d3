import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('answers an unknown token with the page too: the page itself says the link is invalid', async () => {
    const res = await app.inject({ method: 'GET', url: '/r/not-a-token' });
    expect(res.body).toContain('residents');
    const api = await app.inject({ method: 'GET', url: '/api/public/q/not-a-token' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error).toBe('qr_link_invalid');
  });
});
