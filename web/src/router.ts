// A small History API router: pure path matching (unit tested) plus a location store for React.
import { useSyncExternalStore } from 'react';

export type Params = Record<string, string>;

/** Drops a trailing slash (but keeps "/"), so "/upload/" and "/upload" are the same page. */
export function normalizePath(pathname: string): string {
  const path = pathname.startsWith('/') ? pathname : `/${pathname}`;
  return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}

/**
 * Matches "/watch/:id" against "/watch/abc" → {id: "abc"}. "*" matches anything. Segments are
 * compared exactly (case-sensitive); parameters are URL-decoded and never empty.
 */
export function matchPath(pattern: string, pathname: string): Params | null {
  if (pattern === '*') return {};
  const want = normalizePath(pattern).split('/').slice(1);
  const have = normalizePath(pathname).split('/').slice(1);
  if (want.length !== have.length) return null;
  const params: Params = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    const h = have[i];
    if (w.startsWith(':')) {
      if (!h) return null;
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}

/** The first route whose pattern matches, with its parameters. */
export function matchRoutes<T extends { path: string }>(
  routes: readonly T[],
  pathname: string,
): { route: T; params: Params } | null {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

/**
 * A post-sign-in destination from ?next=: a place on this site, else "/". Judged by what the
 * browser makes of it (it drops tabs and newlines and reads "\\" as "/", so "/\t/evil.example"
 * is "//evil.example"): only a URL of the same origin passes, as its path, query and fragment.
 */
export function safeNext(next: string | null | undefined, origin: string = window.location.origin): string {
  if (!next) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  return url.origin === origin ? url.pathname + url.search + url.hash : '/';
}

/** True for links the router should handle itself: same origin, plain left click, no target. */
export function isClientNavigation(
  event: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean; defaultPrevented: boolean },
  href: string,
  target: string | null | undefined,
  origin: string,
): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if (target && target !== '_self') return false;
  let url: URL;
  try {
    url = new URL(href, origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  // Server routes: the Api and its own pages are full-page navigations.
  return !/^\/(api|verify-email|reset-password)(\/|$)/.test(url.pathname);
}

// --- The location store -------------------------------------------------------------------

export interface Location {
  pathname: string;
  search: string;
  hash: string;
  /** Changes on every navigation, also to the same URL. */
  key: number;
}

let counter = 0;
let current: Location | null = null;
const listeners = new Set<() => void>();

function read(): Location {
  return {
    pathname: normalizePath(window.location.pathname),
    search: window.location.search,
    hash: window.location.hash,
    key: ++counter,
  };
}

function emit(): void {
  current = read();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', emit);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', emit);
  };
}

function snapshot(): Location {
  if (!current) current = read();
  return current;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  emit();
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

export function useSearchParam(name: string): string | null {
  const location = useLocation();
  return new URLSearchParams(location.search).get(name);
}
