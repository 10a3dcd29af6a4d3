import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { errorBody } from '../errors.ts';
import { decodedPath, isApiRequest } from './request-path.ts';

/**
 * Serves the built PWA and falls back to index.html for the app's own paths, so a deep link
 * (/survey/…) opens the app, and a resident's /r/<token> opens resident.html. Anything under
 * /api, or any non-GET, answers JSON not_found.
 */
export default fp(
  async (app, opts: { root: string | undefined }) => {
    const root = opts.root;
    if (root) {
      await app.register(fastifyStatic, {
        root,
        wildcard: true,
        // The build writes .br/.gz beside each file: a resident on a weak connection downloads the
        // resident page's ~105 KB, not its 340 KB uncompressed.
        preCompressed: true,
        setHeaders(res, path) {
          // The shell and the service worker must be re-checked, or a phone keeps an old app.
          if (
            /((index|resident)\.html|sw\.js|registerSW\.js|manifest\.webmanifest)(\.br|\.gz)?$/.test(
              path,
            )
          ) {
            res.header('cache-control', 'no-cache');
          } else if (/\/assets\//.test(path)) {
            res.header('cache-control', 'public, max-age=31536000, immutable');
          }
        },
      });
    }
    app.setNotFoundHandler((request, reply) => {
      // Decided on the path as the router reads it (percent-decoded), not the raw string.
      const path = decodedPath(request.url);
      const isPage =
        (request.method === 'GET' || request.method === 'HEAD') &&
        !isApiRequest(request) &&
        // A missing script or image is a 404, not the app shell.
        !/\.[A-Za-z0-9]+$/.test(path);
      if (root && isPage) {
        reply.header('cache-control', 'no-cache');
        // A resident's QR link (/r/<token>) opens their own small page, never the collectors' app.
        const page = /^\/r\/[^/]+\/?$/.test(path) ? 'resident.html' : 'index.html';
        return reply.sendFile(page, root);
      }
      return reply.code(404).send(errorBody('not_found'));
    });
  },
  { name: 'static', dependencies: ['error-handler'] },
);
