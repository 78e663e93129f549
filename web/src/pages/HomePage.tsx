import { useCallback, useEffect, useState } from 'react';
import { videosApi } from '../api/videos';
import type { Video } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { PagedVideos } from '../components/PagedVideos';
import { VideoGrid } from '../components/VideoCard';
import { useTitle } from '../components/useTitle';

function Recommended({ signedIn }: { signedIn: boolean }) {
  const [videos, setVideos] = useState<Video[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setVideos(null);
    setFailed(false);
    videosApi
      .recommendations(12, controller.signal)
      .then((list) => setVideos(list.items))
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true);
      });
    return () => controller.abort();
  }, [signedIn]);

  const heading = signedIn ? 'Recommended for you' : 'Trending';
  return (
    <section aria-labelledby="recommended-heading" className="section">
      <h2 id="recommended-heading">{heading}</h2>
      {failed ? <p className="muted">Recommendations are not available right now.</p> : null}
      {videos === null && !failed ? <p className="muted">Loading…</p> : null}
      {videos?.length === 0 ? <p className="empty">Nothing to recommend yet. Watch a few videos first.</p> : null}
      {videos?.length ? <VideoGrid videos={videos} /> : null}
    </section>
  );
}

export function HomePage() {
  useTitle('Home');
  const auth = useAuth();
  const loadFeed = useCallback((cursor: string | null, signal: AbortSignal) => videosApi.feed(24, cursor, signal), []);
  return (
    <>
      <h1 className="visually-hidden">Home</h1>
      {auth.state.status === 'loading' ? null : <Recommended signedIn={auth.state.status === 'signedIn'} />}
      <section aria-labelledby="latest-heading" className="section">
        <h2 id="latest-heading">Latest videos</h2>
        <PagedVideos load={loadFeed} empty="No videos yet." />
      </section>
    </>
  );
}
