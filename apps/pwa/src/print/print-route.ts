// The print pages' own paths under `#/print/…`, so the shell's router only needs to know that a
// path starts with `print`:
//   #/print                  the list of communities
//   #/print/poster/<code>    one community's A4 poster; `all` prints every community's
//   #/print/paper            a blank paper questionnaire (community left blank)
//   #/print/paper/<code>     the paper questionnaire with the community's name filled in

export type PrintRoute =
  | { readonly kind: 'index' }
  | { readonly kind: 'poster'; readonly code: string }
  | { readonly kind: 'paper'; readonly code: string | null };

/** ALL_COMMUNITIES as a poster code prints one poster per community. */
export const ALL_COMMUNITIES = 'all';

export function parsePrintPath(path: string): PrintRoute {
  const [kind, raw] = path.split('/').filter((part) => part !== '');
  let code: string | null = null;
  try {
    code = raw ? decodeURIComponent(raw) : null;
  } catch {
    code = null;
  }
  if (kind === 'poster' && code) return { kind: 'poster', code };
  if (kind === 'paper') return { kind: 'paper', code };
  return { kind: 'index' };
}

/** The part after `#/print/` for a print route (what the shell's Route carries). */
export function printPath(route: PrintRoute): string {
  if (route.kind === 'index') return '';
  return route.code === null ? route.kind : `${route.kind}/${encodeURIComponent(route.code)}`;
}

export function printHref(route: PrintRoute): string {
  const path = printPath(route);
  return path === '' ? '#/print' : `#/print/${path}`;
}
