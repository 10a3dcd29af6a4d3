import { useEffect, useState } from 'react';

// Hash routes keep the place on reload (a half-filled form reopens) and need no server rewrite.
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'survey'; readonly id: string }
  | { readonly name: 'interview'; readonly id: string }
  | { readonly name: 'outbox' }
  /** The visit list of a community (`code` '' until one is chosen). */
  | { readonly name: 'visits'; readonly code: string }
  | { readonly name: 'dashboard' }
  | { readonly name: 'assessment' }
  /** 修改密码: one's own password, for every role. */
  | { readonly name: 'password' }
  /** The coordinators' print pages; `path` is what follows `#/print/` (see print/print-route.ts). */
  | { readonly name: 'print'; readonly path: string };

export function parseRoute(hash: string): Route {
  const [, page, id] = hash.replace(/^#/, '').split('/');
  if ((page === 'survey' || page === 'interview') && id) return { name: page, id };
  if (page === 'outbox') return { name: 'outbox' };
  if (page === 'visits') return { name: 'visits', code: id ? decodeURIComponent(id) : '' };
  if (page === 'dashboard') return { name: 'dashboard' };
  if (page === 'assessment') return { name: 'assessment' };
  if (page === 'password') return { name: 'password' };
  if (page === 'print') {
    return { name: 'print', path: hash.replace(/^#?\/?print\/?/, '') };
  }
  return { name: 'home' };
}

export function hrefOf(route: Route): string {
  if (route.name === 'visits') {
    return route.code === '' ? '#/visits' : `#/visits/${encodeURIComponent(route.code)}`;
  }
  if (route.name === 'print') return route.path === '' ? '#/print' : `#/print/${route.path}`;
  return route.name === 'survey' || route.name === 'interview'
    ? `#/${route.name}/${route.id}`
    : `#/${route.name === 'home' ? '' : route.name}`;
}

export function navigate(route: Route, replace = false): void {
  if (replace) history.replaceState(null, '', hrefOf(route));
  else history.pushState(null, '', hrefOf(route));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    window.addEventListener('popstate', onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
      window.removeEventListener('popstate', onChange);
    };
  }, []);
  return route;
}
