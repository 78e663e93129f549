import type { Video } from '../api/types';
import { formatDuration, formatViewsShort } from '../format';
import { Link } from './Link';

/** A video in a grid: the link (named by the title) covers thumbnail and title. */
export function VideoCard({ video, headingLevel = 3 }: { video: Video; headingLevel?: 2 | 3 | 4 }) {
  const Heading = `h${headingLevel}` as 'h3';
  const duration = formatDuration(video.durationSeconds);
  return (
    <article className="card">
      <Link to={`/watch/${encodeURIComponent(video.id)}`} className="card-link">
        <span className="thumb">
          {video.thumbnailUrl ? (
            <img src={video.thumbnailUrl} alt="" loading="lazy" decoding="async" width={320} height={180} />
          ) : null}
        </span>
        <Heading className="card-title">{video.title}</Heading>
      </Link>
      <p className="card-meta">
        {formatViewsShort(video.views)}
        {duration ? (
          <>
            {' · '}
            <span>
              <span className="visually-hidden">Duration </span>
              {duration}
            </span>
          </>
        ) : null}
      </p>
    </article>
  );
}

export function VideoGrid({ videos, headingLevel }: { videos: Video[]; headingLevel?: 2 | 3 | 4 }) {
  return (
    <ul className="video-grid">
      {videos.map((video) => (
        <li key={video.id}>
          <VideoCard video={video} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
