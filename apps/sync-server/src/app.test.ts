import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleSurvey } from '@jiuting/questionnaire/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { buildTestApp, CLIENT_HEADERS, loginAs, TEST_SCRYPT_COST, tempDbPath } from './testing.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function testApp(options: Parameters<typeof buildTestApp>[0] = {}) {
  const built = await buildTestApp(options);
  cleanups.push(built.cleanup);
  return built;
}

const CHINESE = /[\u4e00-\u9fff]/;

describe('errors', () => {
  it('answers malformed JSON with 400 invalid_json, a Chinese message and no stack trace', async () => {
    const { app } = await testApp();
    const { cookie } = await loginAs(app, 'canvasser');
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { ...CLIENT_HEADERS, cookie, 'content-type': 'application/json' },
      payload: '{"items": [',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_json', message: expect.stringMatching(CHINESE) });
    expect(res.body).not.toMatch(/at .*\.ts|stack/i);
  });

  it('answers an oversized body with 413 body_too_large and stores nothing', async () => {
    const { app } = await testApp();
    const { cookie } = await loginAs(app, 'canvasser');
    const huge = { items: [sampleSurvey({ padding: 'x'.repeat(5 * 1024 * 1024) })] };
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { ...CLIENT_HEADERS, cookie },
      payload: huge,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({
      error: 'body_too_large',
      message: expect.stringMatching(CHINESE),
    });
    expect(app.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
  });

  it('answers an unknown API route with 404 not_found in JSON', async () => {
    const { app } = await testApp();
    for (const method of ['GET', 'POST'] as const) {
      const res = await app.inject({ method, url: '/api/no-such-thing', headers: CLIENT_HEADERS });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: 'not_found', message: expect.stringMatching(CHINESE) });
    }
  });

  it('answers a form-encoded post with 415 unsupported_media_type', async () => {
    const { app } = await testApp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { ...CLIENT_HEADERS, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=admin&password=x',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toBe('unsupported_media_type');
  });
});

describe('security headers', () => {
  it('sends a CSP without unsafe-inline scripts that lets the PWA and its worker run', async () => {
    const { app } = await testApp();
    const res = await app.inject({ method: 'GET', url: '/api/ping' });
    const csp = String(res.headers['content-security-policy']);
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives['default-src']).toBe("'self'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['style-src']).toBe("'self' 'unsafe-inline'");
    expect(directives['img-src']).toBe("'self' data:");
    expect(directives['worker-src']).toBe("'self'");
    expect(directives['manifest-src']).toBe("'self'");
    expect(directives['connect-src']).toBe("'self'");
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('restart', () => {
  it('finds every stored response and the sessions still valid after a close and rebuild on the same file', async () => {
    const { dir, dbPath } = tempDbPath();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const options = {
      dbPath,
      logger: false,
      scryptCost: TEST_SCRYPT_COST,
      adminPassword: 'a-long-password',
    };
    const first = await buildApp(options);
    const canvasser = await loginAs(first, 'canvasser');
    const items = [sampleSurvey(), sampleSurvey()];
    await first.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { ...CLIENT_HEADERS, cookie: canvasser.cookie },
      payload: { items },
    });
    await first.close();
    expect(first.db.open).toBe(false);

    const second = await buildApp(options);
    cleanups.push(() => second.close());
    expect(second.bootstrapReport.adminCreated).toBe(false);
    expect(second.bootstrapReport.demoCommunitiesLoaded).toBe(0);
    const res = await second.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { ...CLIENT_HEADERS, cookie: canvasser.cookie },
      payload: { items },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
    ]);
    expect(second.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(2);
  });
});

describe('first start', () => {
  it('creates admin with ADMIN_PASSWORD, reports no generated password, and loads 27 demo communities', async () => {
    const { app } = await testApp({ adminPassword: 'chosen-password-1' });
    expect(app.bootstrapReport).toEqual({ adminCreated: true, demoCommunitiesLoaded: 27 });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: CLIENT_HEADERS,
      payload: { username: 'admin', password: 'chosen-password-1' },
    });
    expect(res.statusCode).toBe(200);
    const names = app.repos.communities.list().map((c) => c.name);
    expect(names.every((n) => n.includes('演示数据'))).toBe(true);
  });

  it('makes a random admin password when none is given, and that password signs in', async () => {
    const { app } = await testApp({ adminPassword: undefined });
    const password = app.bootstrapReport.generatedAdminPassword;
    expect(password).toMatch(/^[A-Za-z0-9]{18}$/);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: CLIENT_HEADERS,
      payload: { username: 'admin', password },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('the built PWA', () => {
  it('serves index.html for app paths and JSON 404 for unknown API paths and missing files', async () => {
    const { dir } = tempDbPath();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const staticDir = join(dir, 'dist');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>九亭</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    const { app } = await testApp({ staticDir });
    const page = await app.inject({ method: 'GET', url: '/survey/new' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('九亭');
    const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.body).toBe('console.log(1)');
    const missing = await app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(missing.statusCode).toBe(404);
    const api = await app.inject({ method: 'GET', url: '/api/nothing' });
    expect(api.json().error).toBe('not_found');
  });
});

describe('the serving connection', () => {
  it('keeps the journals of each synced item’s savepoint in memory, not in a temporary file per batch', async () => {
    const { app } = await testApp();
    // 2 = MEMORY (see plugins/db.ts): a file here was written page by page for every item.
    expect(app.db.pragma('temp_store', { simple: true })).toBe(2);
  });
});
