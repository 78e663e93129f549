import { useCallback } from 'react';
import { videosApi } from '../api/videos';
import { PagedVideos } from '../components/PagedVideos';
import { useTitle } from '../components/useTitle';
import { useSearchParam } from '../router';

export function SearchPage() {
  const q = (useSearchParam('q') ?? '').trim();
  useTitle(q ? `Results for “${q}”` : 'Search');
  const load = useCallback((cursor: string | null, signal: AbortSignal) => videosApi.search(q, 24, cursor, signal), [q]);
  if (!q) {
    return (
      <>
        <h1>Search</h1>
        <p className="muted">Type words from a title or description into the search box.</p>
      </>
    );
  }
  return (
    <>
      <h1>Results for “{q}”</h1>
      <PagedVideos key={q} load={load} empty="No videos match" headingLevel={2} />
    </>
  );
}
