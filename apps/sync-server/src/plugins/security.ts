import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import { isApiRequest } from './request-path.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CLIENT_HEADER = 'x-jiuting-client';

export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // The service worker is registered from a file, so no inline script is ever needed.
          scriptSrc: ["'self'"],
          // React's style={{…}} attributes are inline styles.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          workerSrc: ["'self'"],
          manifestSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // WeChat's in-app browser opens the resident page from a QR code; keep cross-origin
      // isolation headers off so that embedding browser is not confused.
      crossOriginEmbedderPolicy: false,
    });

    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: () => new AppError('rate_limited'),
    });

    // A cross-site form cannot set a custom header, and a cross-site fetch that sets one needs a
    // CORS preflight this server never grants: requiring it stops cross-site state changes.
    // Every state-changing request needs it, whatever its path: only API routes change state,
    // and a test on the raw path was fooled by `/%61pi/…`, which the router decodes to /api.
    app.addHook('onRequest', async (request) => {
      if (STATE_CHANGING.has(request.method) && request.headers[CLIENT_HEADER] !== '1') {
        throw new AppError('csrf_header_missing');
      }
    });

    // Answers and staff lists must not linger in shared caches or the browser's HTTP cache.
    app.addHook('onSend', async (request, reply) => {
      if (isApiRequest(request)) reply.header('cache-control', 'no-store');
    });
  },
  { name: 'security' },
);
