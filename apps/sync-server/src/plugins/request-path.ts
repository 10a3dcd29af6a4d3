import type { FastifyRequest } from 'fastify';

/**
 * The path as the router reads it: percent-decoded, without the query. `request.url` is the raw
 * string, in which `/%61pi/…` is not `/api/…` though the router serves it the same route.
 */
export function decodedPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const underApi = (path: string | undefined) =>
  path !== undefined && (path === '/api' || path.startsWith('/api/'));

/**
 * Whether the request is for the API: the route the router matched says so, or (unmatched, or
 * caught by the static files' wildcard) the path as the router decoded it.
 */
export function isApiRequest(request: FastifyRequest): boolean {
  return underApi(request.routeOptions.url) || underApi(decodedPath(request.url));
}
