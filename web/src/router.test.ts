import { describe, expect, it } from 'vitest';
import { isClientNavigation, matchPath, matchRoutes, normalizePath, safeNext } from './router';

describe('matchPath', () => {
  it('matches static paths, ignoring a trailing slash', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/upload', '/upload')).toEqual({});
    expect(matchPath('/upload', '/upload/')).toEqual({});
    expect(matchPath('/me/videos', '/me/videos')).toEqual({});
    expect(matchPath('/me/videos', '/me')).toBeNull();
    expect(matchPath('/upload', '/Upload')).toBeNull();
    expect(matchPath('/', '/upload')).toBeNull();
  });

  it('extracts and decodes parameters', () => {
    expect(matchPath('/watch/:id', '/watch/abc123')).toEqual({ id: 'abc123' });
    expect(matchPath('/users/:id', '/users/a%20b')).toEqual({ id: 'a b' });
    expect(matchPath('/watch/:id', '/watch/')).toBeNull();
    expect(matchPath('/watch/:id', '/watch')).toBeNull();
    expect(matchPath('/watch/:id', '/watch/a/b')).toBeNull();
    expect(matchPath('/watch/:id', '/watch/%E0%A4%A')).toBeNull();
  });

  it('lets * match anything', () => {
    expect(matchPath('*', '/no/such/page')).toEqual({});
  });

  it('picks the first matching route', () => {
    const routes = [{ path: '/' }, { path: '/watch/:id' }, { path: '*' }];
    expect(matchRoutes(routes, '/watch/x')).toEqual({ route: routes[1], params: { id: 'x' } });
    expect(matchRoutes(routes, '/nope')?.route).toBe(routes[2]);
    expect(matchRoutes(routes.slice(0, 2), '/nope')).toBeNull();
  });

  it('normalizes paths', () => {
    expect(normalizePath('')).toBe('/');
    expect(normalizePath('/a//')).toBe('/a');
    expect(normalizePath('a')).toBe('/a');
  });
});

describe('safeNext', () => {
  const origin = 'http://127.0.0.1:5173';
  const next = (value: string | null) => safeNext(value, origin);

  it('keeps local paths, with their query and fragment', () => {
    expect(next('/upload')).toBe('/upload');
    expect(next('/watch/1?t=2')).toBe('/watch/1?t=2');
    expect(next('/watch/1?t=2#comments')).toBe('/watch/1?t=2#comments');
    expect(next(`${origin}/me/videos`)).toBe('/me/videos');
    expect(next(null)).toBe('/');
    expect(next('')).toBe('/');
  });

  it('refuses absolute URLs of other origins', () => {
    expect(next('https://evil.example')).toBe('/');
    expect(next('https://evil.example/upload')).toBe('/');
    expect(next('http://127.0.0.1:5000/upload')).toBe('/');
    expect(next('https://127.0.0.1:5173/upload')).toBe('/');
    expect(next('javascript:alert(1)')).toBe('/');
    expect(next('data:text/html,hi')).toBe('/');
  });

  it('refuses protocol-relative URLs, however spelled', () => {
    expect(next('//evil.example')).toBe('/');
    expect(next('//evil.example/upload')).toBe('/');
    expect(next('/\\evil.example')).toBe('/');
    expect(next('\\\\evil.example')).toBe('/');
    expect(next(' //evil.example')).toBe('/');
  });

  it('refuses paths that tabs or newlines turn into another host', () => {
    expect(next('/\t/evil.example')).toBe('/');
    expect(next('/\n/evil.example')).toBe('/');
    expect(next('/\r\n/evil.example')).toBe('/');
    expect(next('\t//evil.example')).toBe('/');
  });
});

describe('isClientNavigation', () => {
  const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false };
  const origin = 'http://127.0.0.1:5173';

  it('handles plain same-origin clicks', () => {
    expect(isClientNavigation(click, '/watch/1', null, origin)).toBe(true);
    expect(isClientNavigation(click, `${origin}/upload`, '_self', origin)).toBe(true);
  });

  it('leaves modified clicks, other targets, other origins and server routes to the browser', () => {
    expect(isClientNavigation({ ...click, ctrlKey: true }, '/x', null, origin)).toBe(false);
    expect(isClientNavigation({ ...click, button: 1 }, '/x', null, origin)).toBe(false);
    expect(isClientNavigation(click, '/x', '_blank', origin)).toBe(false);
    expect(isClientNavigation(click, 'https://example.com/x', null, origin)).toBe(false);
    expect(isClientNavigation(click, '/api/auth/signin/local?redirectTo=/', null, origin)).toBe(false);
    expect(isClientNavigation(click, '/verify-email?token=1', null, origin)).toBe(false);
    expect(isClientNavigation({ ...click, defaultPrevented: true }, '/x', null, origin)).toBe(false);
  });
});
