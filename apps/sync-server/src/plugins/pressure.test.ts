import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { buildTestApp } from '../testing.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('turns requests away with 503 and a Chinese message while the event loop stalls, then serves again', {
  timeout: 30_000,
}, async () => {
  const { app, cleanup } = await buildTestApp({
    underPressure: { maxEventLoopDelayMs: 300, sampleIntervalMs: 50 },
  });
  try {
    // A stall, as a synchronous export once caused; the load is sampled every 50 ms, so ask
    // right after it until a request meets the verdict.
    let turnedAway: LightMyRequestResponse | undefined;
    for (let attempt = 0; attempt < 5 && !turnedAway; attempt += 1) {
      const busyUntil = Date.now() + 1000;
      while (Date.now() < busyUntil) {
        // busy
      }
      for (let k = 0; k < 20 && !turnedAway; k += 1) {
        const res = await app.inject({ method: 'GET', url: '/api/ping' });
        if (res.statusCode === 503) turnedAway = res;
        else await sleep(5);
      }
    }
    expect(turnedAway?.headers['retry-after']).toBe('10');
    expect(turnedAway?.json()).toEqual({
      error: 'server_busy',
      message: '服务器繁忙，请稍后重试（手机会自动重试）',
    });
    // A loaded test machine lags on its own: allow it several seconds to settle.
    let status = 503;
    for (let tries = 0; status === 503 && tries < 200; tries += 1) {
      await sleep(50);
      status = (await app.inject({ method: 'GET', url: '/api/ping' })).statusCode;
    }
    expect(status).toBe(200);
  } finally {
    await cleanup();
  }
});
