import { Writable } from 'node:stream';
import { sampleSurvey } from '@jiuting/questionnaire/testing';
import { expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, loginAs } from '../testing.ts';

it('logs sync batches by counts and ids, never answers, addresses or the session cookie', async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const { app, cleanup } = await buildTestApp({ logger: { level: 'info', stream } });
  try {
    const canvasser = await loginAs(app, 'canvasser');
    const item = sampleSurvey({
      householdAddress: '88号楼1808室',
      answers: { ...(sampleSurvey().answers as object), q12: '独特的建议文字ZQX' },
    });
    const bad = sampleSurvey({
      householdAddress: '77号楼1707室',
      answers: { q12: '另一段文字WVU' },
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { ...CLIENT_HEADERS, cookie: canvasser.cookie },
      payload: { items: [item, bad, item] },
    });
    expect(res.statusCode).toBe(200);
    const log = lines.join('');
    expect(log).toContain('"accepted":1');
    expect(log).toContain('"rejected":1');
    // Secrets carry a non-digit: a bare '1808' also matches a float such as responseTime 15.1808….
    for (const secret of [
      '1808室',
      '1707室',
      '88号楼',
      '77号楼',
      'ZQX',
      'WVU',
      canvasser.cookie.split('=')[1] as string,
    ]) {
      expect(log).not.toContain(secret);
    }
  } finally {
    await cleanup();
  }
});

it('logs no feedback search term, no QR token, and keeps a mistyped password out of the audit', async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const { app, cleanup } = await buildTestApp({ logger: { level: 'info', stream } });
  try {
    const coordinator = await loginAs(app, 'coordinator');
    const token = app.repos.communities.get('DEMO01')?.qrToken as string;
    const search = await app.inject({
      method: 'GET',
      url: `/api/feedback/texts?q=${encodeURIComponent('九亭88号楼ZQX')}&page=1`,
      headers: { cookie: coordinator.cookie },
    });
    expect(search.statusCode).toBe(200);
    await app.inject({ method: 'GET', url: `/api/public/q/${token}` });
    await app.inject({ method: 'GET', url: `/r/${token}` });
    await app.inject({ method: 'GET', url: `/%72/${token}` });
    const failed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: CLIENT_HEADERS,
      payload: { username: 'MyS3cretPassw0rd', password: 'x' },
    });
    expect(failed.statusCode).toBe(401);
    const log = lines.join('');
    expect(log).toContain('/api/feedback/texts?q=[redacted]&page=1');
    expect(log).toContain('/api/public/q/[token]');
    for (const secret of ['ZQX', encodeURIComponent('九亭'), token, 'MyS3cretPassw0rd']) {
      expect(log).not.toContain(secret);
    }
    const audit = JSON.stringify(app.repos.audit.list());
    expect(audit).toContain('login_failed');
    expect(audit).not.toContain('MyS3cretPassw0rd');
  } finally {
    await cleanup();
  }
});

it('logs a storage failure once in full while phones keep retrying, then once a minute with the count', async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let now = Date.parse('2026-11-30T02:00:00Z');
  const { app, cleanup } = await buildTestApp({
    logger: { level: 'info', stream },
    now: () => new Date(now),
  });
  try {
    const canvasser = await loginAs(app, 'canvasser');
    // As a disk turned read-only: every write fails, reads go on.
    app.db.pragma('query_only = ON');
    const sync = () =>
      app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { ...CLIENT_HEADERS, cookie: canvasser.cookie },
        payload: { items: [sampleSurvey()] },
      });
    for (let i = 0; i < 5; i += 1) {
      // 500, so the phone keeps the item and retries.
      expect((await sync()).statusCode).toBe(500);
      now += 10_000;
    }
    const errors = () => lines.map((line) => JSON.parse(line)).filter((entry) => entry.level >= 50);
    expect(errors()).toHaveLength(1);
    expect(errors()[0]).toMatchObject({
      msg: 'unexpected error',
      err: { code: 'SQLITE_READONLY' },
    });
    now += 20_000;
    expect((await sync()).statusCode).toBe(500);
    expect(errors()).toHaveLength(2);
    expect(errors()[1]).toMatchObject({
      msg: 'unexpected error repeated in the last minute',
      code: 'SQLITE_READONLY',
      repeats: 5,
    });
  } finally {
    await cleanup();
  }
});
