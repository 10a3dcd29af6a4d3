import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';
import { errorBody } from '../errors.ts';

export interface PressureOptions {
  /** Event-loop delay (ms) above which new requests are turned away with 503. */
  maxEventLoopDelayMs: number;
  /** How often the load is measured (ms). */
  sampleIntervalMs?: number;
}

// An overloaded server answers 503 at once instead of letting every request queue behind the
// stall until the phones' 30 s timeout: a phone treats 503 as "retry later with backoff" and
// keeps its items, and the log says the server was overloaded. The health report is exempt,
// so a monitor still learns what is wrong.
export default fp(
  async (app, opts: PressureOptions) => {
    await app.register(underPressure, {
      maxEventLoopDelay: opts.maxEventLoopDelayMs,
      maxEventLoopUtilization: 0.98,
      sampleInterval: opts.sampleIntervalMs ?? 1000,
      retryAfter: 10,
      exposeStatusRoute: false,
      pressureHandler: (request, reply, type, value) => {
        if (request.url === '/api/health') return;
        request.log.warn({ type, value }, 'server under pressure: request turned away');
        reply.code(503).header('retry-after', '10').send(errorBody('server_busy'));
      },
    });
  },
  { name: 'pressure' },
);
