import { expect, it } from 'vitest';
import { buildTestApp } from '../testing.ts';

it('turns requests away with 503 and a Chinese message while the event loop stalls, then serves again', async () => {
  const { app, cleanup } = await buildTestApp({
    underPressure: { maxEventLoopDelayMs: 50, sampleIntervalMs: 10 },
  });
  try {
    const busyUntil = Date.now() + 300;
    while (Date.now() < busyUntil) {
      // a stall, as a synchronous export once caused
    }
    await new Promise((resolve) => setTimeout(resolve, 15));
    const turnedAway = await app.inject({ method: 'GET', url: '/api/ping' });
    expect(turnedAway.statusCode).toBe(503);
    expect(turnedAway.headers['retry-after']).toBe('10');
    expect(turnedAway.json()).toEqual({
      error: 'server_busy',
      message: '服务器繁忙，请稍后重试（手机会自动重试）',
    });
    // The monitor still gets the health report.
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).not.toBe(503);
    let status = 503;
    for (let tries = 0; status === 503 && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await app.inject({ method: 'GET', url: '/api/ping' })).statusCode;
    }
    expect(status).toBe(200);
  } finally {
    await cleanup();
  }
});
