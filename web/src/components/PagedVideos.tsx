import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, toApiError } from '../api/client';
import type { Video, VideoPage } from '../api/types';
import { VideoGrid } from './VideoCard';

/**
 * A growing list of videos: the first page on mount, more when the sentinel scrolls into view
 * (IntersectionObserver) or when "Load more" is pressed (for keyboard users).
 */
export function PagedVideos({
  load,
  empty,
  headingLevel,
}: {
  load: (cursor: string | null, signal: AbortSignal) => Promise<VideoPage>;
  empty: string;
  headingLevel?: 2 | 3 | 4;
}) {
  const [items, setItems] = useState<Video[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const busy = useRef(false);
  const controller = useRef<AbortController | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchPage = useCallback(async (from: string | null, first: boolean) => {
    if (busy.current) return;
    busy.current = true;
    setLoading(true);
    setError(null);
    const signal = (controller.current ??= new AbortController()).signal;
    try {
      const page = await loadRef.current(from, signal);
      if (signal.aborted) return;
      setItems((prev) => {
        const seen = new Set(prev.map((v) => v.id));
        const next = first ? page.items : [...prev, ...page.items.filter((v) => !seen.has(v.id))];
        setStatus(first ? '' : `Showing ${next.length} videos.`);
        return next;
      });
      setCursor(page.nextCursor);
      setDone(!page.nextCursor);
    } catch (e) {
      if (!signal.aborted) setError(toApiError(e));
    } finally {
      if (!signal.aborted) {
        busy.current = false;
        setLoading(false);
      }
    }
  }, []);

  useEffect(() => {
    controller.current = new AbortController();
    busy.current = false;
    setItems([]);
    setCursor(null);
    setDone(false);
    void fetchPage(null, true);
    return () => controller.current?.abort();
  }, [fetchPage]);

  const more = useCallback(() => {
    if (!done && cursor) void fetchPage(cursor, false);
  }, [cursor, done, fetchPage]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || done || !cursor || error || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && more(), {
      rootMargin: '400px 0px',
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [cursor, done, error, more]);

  return (
    <div className="paged">
      {items.length ? <VideoGrid videos={items} headingLevel={headingLevel} /> : null}
      {!loading && !error && items.length === 0 ? <p className="empty">{empty}</p> : null}
      {error ? (
        <div className="alert alert-error" role="alert">
          <p>{error.detail}</p>
          <button type="button" className="button secondary" onClick={() => void fetchPage(items.length ? cursor : null, !items.length)}>
            Try again
          </button>
        </div>
      ) : null}
      <div ref={sentinel} className="sentinel" aria-hidden="true" />
      <p className="visually-hidden" role="status">
        {loading ? 'Loading videos…' : status}
      </p>
      {loading && items.length === 0 ? <p className="muted">Loading…</p> : null}
      {!done && cursor && !error ? (
        <p className="load-more">
          <button type="button" className="button secondary" onClick={more} aria-busy={loading || undefined}>
            Load more
          </button>
        </p>
      ) : null}
    </div>
  );
}
