import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from '../api/client';
import { watchVideo } from '../api/events';
import type { Video } from '../api/types';
import { videosApi } from '../api/videos';
import { useAuth } from '../auth/AuthContext';
import { clientId } from '../auth/identity';
import { ErrorAlert } from '../components/Alert';
import { Link } from '../components/Link';
import { StatusBadge } from '../components/StatusBadge';
import { VideoCard } from '../components/VideoCard';
import { useTitle } from '../components/useTitle';
import { formatDate, formatTranscodeLine, formatViews } from '../format';
import { Player } from '../player/Player';

function Related({ id }: { id: string }) {
  const [videos, setVideos] = useState<Video[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    videosApi
      .related(id, 12, controller.signal)
      .then((list) => setVideos(list.items.filter((v) => v.id !== id)))
      .catch(() => {
        if (!controller.signal.aborted) setVideos([]);
      });
    return () => controller.abort();
  }, [id]);
  return (
    <aside aria-label="Related videos" className="related">
      <h2>Related videos</h2>
      {videos === null ? <p className="muted">Loading…</p> : null}
      {videos?.length === 0 ? <p className="muted">Nothing related yet.</p> : null}
      {videos?.length ? (
        <ul className="related-list">
          {videos.map((v) => (
            <li key={v.id}>
              <VideoCard video={v} />
            </li>
          ))}
        </ul>
      ) : null}
    </aside>
  );
}

export function WatchPage({ id }: { id: string }) {
  const auth = useAuth();
  const [video, setVideo] = useState<Video | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useTitle(video ? video.title : error?.status === 404 ? 'Video not available' : 'Watch');

  useEffect(() => {
    const controller = new AbortController();
    videosApi
      .get(id, controller.signal)
      .then(setVideo)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(toApiError(e));
      });
    return () => controller.abort();
  }, [id]);

  // The owner may open a video that is still being processed: follow it live.
  const unfinished = video !== null && (video.status === 'queued' || video.status === 'processing');
  useEffect(() => {
    if (!unfinished) return;
    return watchVideo(id, setVideo);
  }, [id, unfinished]);

  const counted = useCallback(() => {
    const anonymous = auth.state.status !== 'signedIn';
    videosApi
      .view(id, anonymous ? clientId() : null)
      .then(() => videosApi.get(id))
      .then((fresh) => setVideo((old) => (old ? { ...old, views: fresh.views } : fresh)))
      .catch(() => undefined); // a view that was not counted changes nothing for the person
  }, [auth.state.status, id]);

  if (error) {
    if (error.status === 404) {
      return (
        <div className="narrow">
          <h1>This video is not available</h1>
          <p>It may have been removed or made private. <Link to="/">Find other videos</Link>.</p>
        </div>
      );
    }
    return (
      <div className="narrow">
        <h1>Something went wrong</h1>
        <ErrorAlert error={error} />
      </div>
    );
  }
  if (!video) {
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  }

  return (
    <div className="watch">
      <div className="watch-main">
        {video.status === 'ready' && video.playbackUrl ? (
          <Player video={video} onView={counted} />
        ) : (
          <div className="player-placeholder">
            <p role="status">
              <StatusBadge video={video} />{' '}
              {video.status === 'processing' ? formatTranscodeLine(video.progress, video.etaSeconds) : null}
              {video.status === 'queued' ? 'Waiting for transcoding to start.' : null}
              {video.status === 'awaiting_upload' ? 'The file has not been uploaded yet.' : null}
            </p>
          </div>
        )}
        <h1 className="watch-title">{video.title}</h1>
        <p className="watch-meta">
          <span>{formatViews(video.views)}</span>
          <span aria-hidden="true"> · </span>
          <span>{formatDate(video.createdAt)}</span>
          {video.visibility !== 'public' ? (
            <>
              <span aria-hidden="true"> · </span>
              <span className="badge">{video.visibility === 'private' ? 'Private' : 'Unlisted'}</span>
            </>
          ) : null}
        </p>
        <p>
          <Link to={`/users/${encodeURIComponent(video.ownerId)}`}>More from this person</Link>
        </p>
        {video.description ? <p className="description">{video.description}</p> : null}
      </div>
      <Related id={video.id} />
    </div>
  );
}
