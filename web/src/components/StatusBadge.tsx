import type { Video } from '../api/types';

export function statusText(video: Pick<Video, 'status' | 'progress' | 'error'>): string {
  switch (video.status) {
    case 'awaiting_upload':
      return 'Awaiting upload';
    case 'queued':
      return 'Queued';
    case 'processing':
      return `Processing ${Math.floor(video.progress)}%`;
    case 'ready':
      return 'Ready';
    case 'failed':
      return `Failed: ${video.error?.message ?? 'unknown reason'}`;
    default:
      return video.status;
  }
}

export function StatusBadge({ video }: { video: Pick<Video, 'status' | 'progress' | 'error'> }) {
  return <span className={`badge badge-${video.status}`}>{statusText(video)}</span>;
}
