// Every upload of this page session: creating the video, sending the file (single PUT or
// multipart), then following its transcoding. Lives outside React so uploads go on while the
// person browses other pages; React reads it through useSyncExternalStore. Uploads belong to the
// signed-in account (setUser): another account, or none, never sees or continues them.
import { problemText, toApiError } from '../api/client';
import { watchVideo } from '../api/events';
import type { UploadInstructions, Video, Visibility } from '../api/types';
import { videosApi } from '../api/videos';
import { titleFromFileName } from '../format';
import { browserStorage } from '../storage';
import { UploadCancelled, UploadError } from './errors';
import { MultipartUploader } from './multipart';
import { SpeedMeter, checkFile, contentTypeOf, multipartThreshold } from './plan';
import { SingleUploader } from './single';
import { loadUploads, removeUpload, saveUpload, type StoredUpload } from './store';

export type UploadPhase =
  | 'creating'
  | 'uploading'
  | 'retrying'
  | 'completing'
  | 'processing'
  | 'ready'
  | 'failed'
  | 'cancelling';

export interface UploadItemView {
  key: string;
  fileName: string;
  title: string;
  size: number;
  phase: UploadPhase;
  multipart: boolean;
  /** Bytes sent (stored parts plus bytes in flight). */
  sent: number;
  /** Upload percentage 0–100. */
  percent: number;
  /** Bytes per second over the last ~5 s, or null. */
  speed: number | null;
  /** Seconds left, or null. */
  eta: number | null;
  /** When the next retry runs (ms since epoch) while the connection is lost. */
  retryAt: number | null;
  /** True once the file is in storage (transcoding follows). */
  uploaded: boolean;
  error: { title: string; detail: string } | null;
  canTryAgain: boolean;
  video: Video | null;
}

export interface UploadsSnapshot {
  items: UploadItemView[];
  /** Multipart uploads of earlier page loads that no item here is working on. */
  unfinished: StoredUpload[];
  /** The last thing worth announcing to screen readers ("Upload of x cancelled"). */
  announcement: string;
}

class UploadItem {
  readonly meter = new SpeedMeter();
  uploader: SingleUploader | MultipartUploader | null = null;
  instructions: UploadInstructions | null = null;
  videoId: string | null = null;
  uploadId: string | null = null;
  stopWatching: (() => void) | null = null;
  cancelled = false;
  view: UploadItemView;

  constructor(
    /** The account that started it: its unfinished-upload entry is kept under this id. */
    readonly owner: string | null,
    readonly file: File,
    readonly visibility: Visibility,
    key: string,
    title: string,
    multipart: boolean,
  ) {
    this.view = {
      key,
      fileName: file.name,
      title,
      size: file.size,
      phase: 'creating',
      multipart,
      sent: 0,
      percent: 0,
      speed: null,
      eta: null,
      retryAt: null,
      uploaded: false,
      error: null,
      canTryAgain: false,
      video: null,
    };
  }
}

let sequence = 0;

export class UploadManager {
  private items: UploadItem[] = [];
  private snapshot: UploadsSnapshot = { items: [], unfinished: [], announcement: '' };
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private announcement = '';
  private onlineBound = false;
  private userId: string | null = null;

  constructor(private readonly storage: Storage | null = browserStorage()) {
    this.snapshot = this.build();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.onlineBound && typeof window !== 'undefined') {
      this.onlineBound = true;
      window.addEventListener('online', () => this.items.forEach((item) => this.retryNow(item.view.key)));
    }
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): UploadsSnapshot => this.snapshot;

  /** Re-reads the unfinished uploads (another tab may have changed them). */
  refresh(): void {
    this.emit();
  }

  /**
   * The signed-in user (null when signed out). Another account's uploads stop and leave the list:
   * their videos stay (the Api removes those never completed after 24 hours) and so do their
   * stored entries, so that account can resume them when it signs in here again.
   */
  setUser(userId: string | null): void {
    if (userId === this.userId) return;
    for (const item of this.items) {
      item.cancelled = true;
      item.uploader?.cancel();
      item.stopWatching?.();
    }
    this.items = [];
    this.userId = userId;
    this.announcement = '';
    this.emit();
  }

  /** Starts one upload per file, each a new video with the given visibility. */
  add(files: Iterable<File>, visibility: Visibility): void {
    const threshold = multipartThreshold(this.storage);
    for (const file of files) {
      const item = new UploadItem(this.userId, file, visibility, `u${++sequence}`, titleFromFileName(file.name), file.size > threshold);
      this.items.push(item);
      const problem = checkFile(file);
      if (problem) {
        this.fail(item, problem.title, problem.detail, false);
      } else {
        void this.run(item);
      }
    }
    this.emit();
  }

  /** Resumes a stored multipart upload with the file the person chose again (already matched). */
  resume(stored: StoredUpload, file: File): void {
    if (stored.userId !== this.userId || this.items.some((i) => i.videoId === stored.videoId)) return;
    const item = new UploadItem(stored.userId, file, 'public', `u${++sequence}`, stored.title, true);
    item.videoId = stored.videoId;
    item.uploadId = stored.uploadId;
    this.items.push(item);
    this.announce(`Resuming the upload of ${file.name}.`);
    void this.run(item);
  }

  /** Gives up a stored upload without resuming it: the parts and the video are removed. */
  async discard(stored: StoredUpload): Promise<void> {
    await Promise.allSettled([videosApi.multipart.abort(stored.videoId, stored.uploadId)]);
    await Promise.allSettled([videosApi.remove(stored.videoId)]);
    removeUpload(this.storage, stored.userId, stored.videoId);
    this.announce(`The unfinished upload of ${stored.fileName} was discarded.`);
  }

  retryNow(key: string): void {
    const item = this.find(key);
    if (item?.uploader instanceof MultipartUploader) item.uploader.retryNow();
  }

  tryAgain(key: string): void {
    const item = this.find(key);
    if (!item || item.view.phase !== 'failed' || !item.view.canTryAgain) return;
    item.view.error = null;
    void this.run(item);
  }

  /** Stops the upload and removes what it left: the multipart upload and the video. */
  async cancel(key: string): Promise<void> {
    const item = this.find(key);
    if (!item || item.cancelled) return;
    item.cancelled = true;
    this.set(item, { phase: 'cancelling', retryAt: null });
    item.uploader?.cancel();
    item.stopWatching?.();
    const uploadId = item.uploader instanceof MultipartUploader ? item.uploader.currentUploadId : item.uploadId;
    if (item.videoId && uploadId) await Promise.allSettled([videosApi.multipart.abort(item.videoId, uploadId)]);
    if (item.videoId) {
      await Promise.allSettled([videosApi.remove(item.videoId)]);
      if (item.owner) removeUpload(this.storage, item.owner, item.videoId);
    }
    this.items = this.items.filter((i) => i !== item);
    this.announce(`The upload of ${item.view.fileName} was cancelled.`);
  }

  /** Removes a finished or failed item from the list (the video itself stays). */
  dismiss(key: string): void {
    const item = this.find(key);
    if (!item) return;
    if (!['ready', 'failed', 'processing'].includes(item.view.phase)) return;
    item.stopWatching?.();
    this.items = this.items.filter((i) => i !== item);
    this.emit();
  }

  // --- the work

  private async run(item: UploadItem): Promise<void> {
    const file = item.file;
    try {
      if (!item.videoId) {
        this.set(item, { phase: 'creating' });
        const created = await videosApi.create({
          title: item.view.title,
          visibility: item.visibility,
          fileName: file.name,
          contentType: contentTypeOf(file),
          sizeBytes: file.size,
        });
        item.videoId = created.video.id;
        item.instructions = created.upload;
        item.view.video = created.video;
        if (item.cancelled) throw new UploadCancelled();
      }
      const videoId = item.videoId;
      item.meter.reset();
      this.set(item, { phase: 'uploading', sent: 0, percent: 0, speed: null, eta: null, retryAt: null });

      const progress = (sent: number) => {
        const now = performance.now();
        item.meter.add(now, sent);
        item.view.sent = sent;
        item.view.percent = file.size ? Math.min(100, (sent / file.size) * 100) : 100;
        item.view.speed = item.meter.speed(now);
        item.view.eta = item.meter.eta(file.size - sent, now);
        this.scheduleEmit();
      };
      const completing = () => this.set(item, { phase: 'completing', retryAt: null });

      let video: Video;
      if (item.view.multipart) {
        const uploader = new MultipartUploader(file, videoId, item.uploadId, {
          progress,
          completing,
          started: (uploadId) => {
            item.uploadId = uploadId;
            if (!item.owner) return;
            saveUpload(this.storage, {
              userId: item.owner,
              videoId,
              uploadId,
              fileName: file.name,
              size: file.size,
              lastModified: file.lastModified,
              title: item.view.title,
            });
          },
          retrying: (at) => {
            if (at !== null) item.meter.reset();
            this.set(item, { phase: at === null ? 'uploading' : 'retrying', retryAt: at });
          },
        });
        item.uploader = uploader;
        video = await uploader.run();
        if (item.owner) removeUpload(this.storage, item.owner, videoId);
      } else {
        const uploader = new SingleUploader(file, videoId, item.instructions, { progress, completing });
        item.instructions = null;
        item.uploader = uploader;
        video = await uploader.run();
      }
      if (item.cancelled) return;
      item.uploader = null;
      this.set(item, { uploaded: true, sent: file.size, percent: 100, speed: null, eta: null });
      this.follow(item, video);
      this.announce(`${file.name} is uploaded.`);
    } catch (error) {
      if (item.cancelled || error instanceof UploadCancelled) return;
      if (error instanceof UploadError) {
        this.fail(item, error.title, error.detail, error.retryable);
        return;
      }
      const problem = toApiError(error);
      if (problem.status === 404 && item.videoId && item.owner) removeUpload(this.storage, item.owner, item.videoId);
      const final = [400, 404, 413, 415].includes(problem.status);
      const detail = problem.status === 401 ? 'You were signed out. Sign in again, then try again.' : problem.detail;
      this.fail(item, problem.title || problemText(problem), detail, !final);
    }
  }

  /** Follows transcoding through the events stream until ready or failed. */
  private follow(item: UploadItem, video: Video): void {
    this.showVideo(item, video);
    if (video.status === 'ready' || video.status === 'failed') return;
    item.stopWatching?.();
    item.stopWatching = watchVideo(video.id, (v) => this.showVideo(item, v));
  }

  private showVideo(item: UploadItem, video: Video): void {
    if (item.cancelled) return;
    if (video.status === 'failed') {
      item.view.video = video;
      this.fail(item, 'Transcoding failed', video.error?.message ?? 'The video could not be processed.', false);
      return;
    }
    const phase: UploadPhase = video.status === 'ready' ? 'ready' : 'processing';
    if (phase === 'ready' && item.view.phase !== 'ready') this.announce(`${video.title} is ready to watch.`);
    this.set(item, { phase, video, title: video.title });
  }

  private fail(item: UploadItem, title: string, detail: string, canTryAgain: boolean): void {
    item.uploader = null;
    this.set(item, { phase: 'failed', error: { title, detail }, canTryAgain, retryAt: null, speed: null, eta: null });
  }

  // --- state plumbing

  private find(key: string): UploadItem | undefined {
    return this.items.find((i) => i.view.key === key);
  }

  private set(item: UploadItem, patch: Partial<UploadItemView>): void {
    Object.assign(item.view, patch);
    this.emit();
  }

  private announce(text: string): void {
    this.announcement = text;
    this.emit();
  }

  private scheduleEmit(): void {
    if (this.timer === undefined) this.timer = setTimeout(() => this.emit(), 200);
  }

  private emit(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
  }

  private build(): UploadsSnapshot {
    const active = new Set(this.items.map((i) => i.videoId));
    return {
      items: this.items.map((i) => ({ ...i.view })),
      unfinished: loadUploads(this.storage, this.userId).filter((u) => !active.has(u.videoId)),
      announcement: this.announcement,
    };
  }
}

export const uploads = new UploadManager();
