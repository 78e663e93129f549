// Live video status from GET /api/videos/{id}/events (Server-Sent Events: `video`, then `end`).
import type { Video } from './types';
import { videosApi } from './videos';

const isFinal = (video: Video | null) => video?.status === 'ready' || video?.status === 'failed';

/**
 * Calls `onVideo` for each state the stream sends and `onEnd` once the video is finished (ready
 * or failed) or can no longer be seen. When the browser gives the stream up (e.g. too many
 * streams, a restart), one plain read fills the gap and the stream is opened again 5 s later.
 * Returns a function that stops everything.
 */
export function watchVideo(
  id: string,
  onVideo: (video: Video) => void,
  onEnd?: (last: Video | null) => void,
): () => void {
  let last: Video | null = null;
  let stopped = false;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
    source = null;
  };
  const finish = () => {
    if (stopped) return;
    stop();
    onEnd?.(last);
  };
  const receive = (video: Video) => {
    last = video;
    onVideo(video);
    if (isFinal(video)) finish();
  };

  const open = () => {
    if (stopped) return;
    const stream = new EventSource(videosApi.eventsUrl(id));
    source = stream;
    stream.addEventListener('video', (event) => {
      try {
        receive(JSON.parse((event as MessageEvent<string>).data) as Video);
      } catch {
        // A malformed event is skipped; the next one carries the whole state again.
      }
    });
    stream.addEventListener('end', finish);
    stream.onerror = () => {
      // EventSource reconnects by itself (retry: 3000); CLOSED means it gave up.
      if (stream.readyState !== EventSource.CLOSED || stopped || source !== stream) return;
      source = null;
      videosApi
        .get(id)
        .then((video) => {
          if (stopped) return;
          receive(video);
          if (!isFinal(video)) timer = setTimeout(open, 5000);
        })
        .catch((error: unknown) => {
          if (stopped) return;
          const status = (error as { status?: number }).status ?? 0;
          if (status === 404 || status === 401) finish();
          else timer = setTimeout(open, 5000);
        });
    };
  };

  open();
  return stop;
}
