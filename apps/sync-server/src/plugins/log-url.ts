import { decodedPath } from './request-path.ts';

// Query parameters whose values say nothing about a resident: kept so a log still shows which
// page or filter was asked for. Every other value (the feedback search term above all) is masked.
const PLAIN_QUERY_KEYS = new Set(['page', 'pageSize', 'status', 'field', 'community', 'year']);

/**
 * A request URL fit for the log: a resident's QR token (`/r/<token>`, `/api/public/q/<token>`)
 * is a key to their community's questionnaire, and a search term can be an address or a name,
 * so neither is written. The path is decoded first, as the router decodes it, so a
 * percent-encoded spelling is masked too.
 */
export function urlForLog(url: string): string {
  const at = url.indexOf('?');
  const path = decodedPath(url).replace(/(^|\/)(r|q)\/[^/]+/g, '$1$2/[token]');
  if (at < 0) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const key = pair.split('=')[0] ?? '';
      return PLAIN_QUERY_KEYS.has(key) && /^[\w.-]{0,32}$/.test(pair.slice(key.length + 1))
        ? pair
        : `${key.slice(0, 32)}=[redacted]`;
    });
  return `${path}?${query.join('&')}`;
}
