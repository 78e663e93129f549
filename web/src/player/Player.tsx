import { useEffect, useId, useRef, useState } from 'react';
import type HlsType from 'hls.js';
import type { Video } from '../api/types';
import { browserStorage } from '../storage';
import { levelIndexFor, renditionNameFor, sortRenditions, type LevelLike } from './levels';
import { ViewCounter } from './viewRule';

type Mode = 'loading' | 'hls' | 'native' | 'unsupported' | 'error';

/**
 * The playback URL as the Api gave it. Only under `npm run dev` is an absolute URL of the Api
 * (http://127.0.0.1:5000/api/…) turned into a path, so it goes through the dev server's proxy:
 * the page's own origin then follows the segment redirects to storage, whose CORS rule allows it
 * (a redirect from another origin would send `Origin: null`).
 */
function playbackSource(url: string): string {
  if (!import.meta.env.DEV) return url;
  try {
    const parsed = new URL(url, window.location.href);
    if (parsed.origin !== window.location.origin && parsed.pathname.startsWith('/api/')) {
      return parsed.pathname + parsed.search;
    }
  } catch {
    // not a URL: use as is
  }
  return url;
}

/**
 * The HLS player: hls.js (loaded on demand, never in the first bundle) where Media Source
 * Extensions exist, else the browser's own HLS. Offers the renditions as a Quality choice and
 * reports a view after 5 s of real playback.
 */
export function Player({ video, onView }: { video: Video; onView: () => void }) {
  const media = useRef<HTMLVideoElement>(null);
  const hlsRef = useRef<HlsType | null>(null);
  const levelsRef = useRef<LevelLike[]>([]);
  const [mode, setMode] = useState<Mode>('loading');
  const [quality, setQuality] = useState('auto');
  const [playingAt, setPlayingAt] = useState<string | null>(null);
  const qualityId = useId();
  const onViewRef = useRef(onView);
  onViewRef.current = onView;
  const renditions = sortRenditions(video.renditions);
  const url = video.playbackUrl ? playbackSource(video.playbackUrl) : null;

  // Load the stream.
  useEffect(() => {
    const el = media.current;
    if (!el || !url) return;
    let cancelled = false;
    let hls: HlsType | null = null;
    setMode('loading');
    setPlayingAt(null);
    setQuality('auto');

    // Native HLS reports no levels; the picture's height tells what plays.
    const onResize = () => setPlayingAt(renditionNameFor({ height: el.videoHeight }, video.renditions));
    const native = () => {
      if (el.canPlayType('application/vnd.apple.mpegurl')) {
        el.addEventListener('resize', onResize);
        el.src = url;
        setMode('native');
      } else {
        setMode('unsupported');
      }
    };

    import('hls.js')
      .then(({ default: Hls }) => {
        if (cancelled) return;
        if (!Hls.isSupported()) {
          native();
          return;
        }
        hls = new Hls({ debug: false, capLevelToPlayerSize: false });
        hlsRef.current = hls;
        let recoveries = 0;
        hls.on(Hls.Events.MANIFEST_PARSED, (_event, data) => {
          levelsRef.current = data.levels;
        });
        hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => {
          setPlayingAt(renditionNameFor(hls?.levels[data.level], video.renditions));
        });
        hls.on(Hls.Events.FRAG_LOADED, () => {
          recoveries = 0;
        });
        hls.on(Hls.Events.ERROR, (_event, data) => {
          if (!data.fatal || !hls) return;
          if (recoveries++ < 3 && data.type === Hls.ErrorTypes.NETWORK_ERROR) hls.startLoad();
          else if (recoveries <= 3 && data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
          else {
            hls.destroy();
            hlsRef.current = null;
            setMode('error');
          }
        });
        hls.loadSource(url);
        hls.attachMedia(el);
        setMode('hls');
      })
      .catch(() => {
        if (!cancelled) native();
      });

    return () => {
      cancelled = true;
      el.removeEventListener('resize', onResize);
      hls?.destroy();
      hlsRef.current = null;
      levelsRef.current = [];
    };
  }, [url, video.renditions]);

  // Count a view after 5 s of playback (once per 30 min per browser).
  useEffect(() => {
    const el = media.current;
    if (!el) return;
    const counter = new ViewCounter(video.id, browserStorage());
    const tick = () => {
      if (counter.tick(el.currentTime, !el.paused && !el.seeking && !el.ended)) onViewRef.current();
    };
    const interrupt = () => counter.interrupt();
    el.addEventListener('timeupdate', tick);
    el.addEventListener('seeking', interrupt);
    el.addEventListener('pause', interrupt);
    el.addEventListener('waiting', interrupt);
    return () => {
      el.removeEventListener('timeupdate', tick);
      el.removeEventListener('seeking', interrupt);
      el.removeEventListener('pause', interrupt);
      el.removeEventListener('waiting', interrupt);
    };
  }, [video.id]);

  const choose = (value: string) => {
    setQuality(value);
    const hls = hlsRef.current;
    if (!hls) return;
    if (value === 'auto') {
      hls.currentLevel = -1;
      return;
    }
    const rendition = renditions.find((r) => r.name === value);
    const index = rendition ? levelIndexFor(rendition, hls.levels) : -1;
    if (index >= 0) hls.currentLevel = index;
  };

  return (
    <div className="player">
      <div className="player-frame">
        <video
          ref={media}
          aria-label="Video player"
          controls
          playsInline
          preload="metadata"
          poster={video.thumbnailUrl ?? undefined}
        />
      </div>
      <div className="player-bar">
        <div className="field inline">
          <label htmlFor={qualityId}>Quality</label>
          <select
            id={qualityId}
            value={quality}
            onChange={(e) => choose(e.target.value)}
            aria-describedby={mode === 'native' ? `${qualityId}-native` : undefined}
          >
            <option value="auto">Auto</option>
            {renditions.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <p className="player-status" role="status" aria-live="polite">
          {playingAt ? `Playing at ${playingAt}` : ''}
        </p>
      </div>
      {mode === 'native' ? (
        <p className="muted small" id={`${qualityId}-native`}>
          Your browser plays this video itself and picks the quality on its own.
        </p>
      ) : null}
      {mode === 'unsupported' ? (
        <p className="alert alert-error" role="alert">
          This browser cannot play HLS video.
        </p>
      ) : null}
      {mode === 'error' ? (
        <p className="alert alert-error" role="alert">
          The video could not be played. Reload the page to try again.
        </p>
      ) : null}
    </div>
  );
}
