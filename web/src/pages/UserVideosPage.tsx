import { useCallback } from 'react';
import { videosApi } from '../api/videos';
import { PagedVideos } from '../components/PagedVideos';
import { useTitle } from '../components/useTitle';

// The Api has no profile route and the video resource carries no owner name, so the page has
// a neutral heading.
export function UserVideosPage({ id }: { id: string }) {
  useTitle('Their videos');
  const load = useCallback(
    (cursor: string | null, signal: AbortSignal) => videosApi.byUser(id, 24, cursor, signal),
    [id],
  );
  return (
    <>
      <h1>Their videos</h1>
      <PagedVideos load={load} empty="This person has no public videos yet." headingLevel={2} />
    </>
  );
}
