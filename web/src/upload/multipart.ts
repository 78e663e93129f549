// Resumable uploads in parts: parts go straight to storage with pre-signed PUT URLs, three at a
// time; a failed part is retried with backoff (1 s, 2 s, 4 s, … 30 s) for as long as the page is
// open; storage's own list of parts tells what a resumed upload still has to send. An upload
// storage dropped (aborted or expired) is opened again and sent from the start.
import { ApiError, toApiError } from '../api/client';
import type { MultipartUpload, Video } from '../api/types';
import { videosApi } from '../api/videos';
import { UploadCancelled, UploadError } from './errors';
import { PART_CONCURRENCY, PartBook, backoffMs, partRange } from './plan';
import { XhrFailure, sendXhr } from './xhr';

export interface MultipartCallbacks {
  /** Bytes stored plus bytes in flight. */
  progress(sent: number): void;
  /** The upload id is known (new or resumed): keep it for a resume after reload. */
  started(uploadId: string): void;
  /** A retry is scheduled at this time (ms since epoch); null when sending again. */
  retrying(at: number | null): void;
  completing?(): void;
}

const MAX_COMPLETE_ROUNDS = 5;
/** Re-opens in a row with no part stored in between before giving up (storage keeps refusing). */
const MAX_REOPENS = 3;

/** Storage answered a part's PUT with 404 (NoSuchUpload): the upload was aborted or has expired. */
class UploadGone extends Error {
  constructor() {
    super('Storage no longer holds this upload.');
    this.name = 'UploadGone';
  }
}

export class MultipartUploader {
  private readonly controller = new AbortController();
  private readonly aborted: Promise<never>;
  private book: PartBook | null = null;
  /** The parts being sent now; aborted on cancel, or when one part's failure ends the round. */
  private round: AbortController | null = null;
  private failures = 0;
  private reopens = 0;
  private wait: { promise: Promise<void>; resolve: () => void; timer: ReturnType<typeof setTimeout> } | null = null;
  private signing: Promise<unknown> | null = null;
  private failure: unknown = null;
  private cancelled = false;

  constructor(
    private readonly file: File,
    private readonly videoId: string,
    private uploadId: string | null,
    private readonly callbacks: MultipartCallbacks,
  ) {
    this.aborted = new Promise<never>((_, reject) => {
      this.controller.signal.addEventListener('abort', () => reject(new UploadCancelled()), { once: true });
    });
    this.aborted.catch(() => undefined);
  }

  get currentUploadId(): string | null {
    return this.uploadId;
  }

  cancel(): void {
    this.cancelled = true;
    this.stopWaiting();
    this.controller.abort();
    this.round?.abort();
  }

  /** Ends a backoff wait at once ("Retry now", the browser came back online). */
  retryNow(): void {
    if (this.wait) this.stopWaiting();
  }

  async run(): Promise<Video> {
    const opened = await this.open();
    if ('video' in opened) return opened.video;
    this.book = this.bookFor(opened);
    this.report();

    for (let completes = 0; ; ) {
      try {
        await this.sendMissing();
      } catch (error) {
        if (!(error instanceof UploadGone)) throw error;
        const reopened = await this.reopen();
        if ('video' in reopened) return reopened.video;
        continue;
      }
      this.callbacks.completing?.();
      try {
        const { video } = await this.api(() => videosApi.multipart.complete(this.videoId, this.uploadId!));
        return video;
      } catch (error) {
        const problem = toApiError(error);
        const resend = problem.code === 'parts_missing' || problem.code === 'parts_invalid';
        if (problem.status === 409 && !resend) {
          // Completed already (an earlier answer was lost on the way)?
          const video = await this.api(() => videosApi.get(this.videoId));
          if (video.status !== 'awaiting_upload') return video;
          throw error;
        }
        if (problem.status !== 409 || ++completes >= MAX_COMPLETE_ROUNDS) throw error;
        await this.reconcile();
      }
    }
  }

  /**
   * Storage lacks some parts, or holds some with another size than planned: ask it which, and
   * send those again, signed afresh rather than with the cached URLs that led to what it holds.
   */
  private async reconcile(): Promise<void> {
    const book = this.book!;
    const status = await this.api(() => videosApi.multipart.status(this.videoId, this.uploadId!));
    book.reconcile(status.parts);
    for (const n of book.waiting) book.invalidate(n);
    this.report();
  }

  /**
   * Storage dropped the upload: open a new one (the Api makes one when the old is gone) and send
   * every part it lacks. A file already in storage (a complete whose answer was lost) is done.
   */
  private async reopen(): Promise<MultipartUpload | { video: Video }> {
    if (++this.reopens > MAX_REOPENS) {
      throw new UploadError('The upload expired', 'Storage no longer holds this upload. Cancel it and upload the file again.', false);
    }
    this.uploadId = null;
    const opened = await this.open();
    if ('video' in opened) return opened;
    // A new book: the old one's signed URLs belong to the dropped upload.
    this.book = this.bookFor(opened);
    this.report();
    return opened;
  }

  private bookFor(upload: MultipartUpload): PartBook {
    try {
      return new PartBook(this.file.size, upload.partSize, upload.partCount, upload.parts);
    } catch {
      throw new UploadError('The file does not match', 'This file does not fit the upload that was started for it.', false);
    }
  }

  /** Resumes the known upload (GET) or opens one (POST); a video already uploaded is returned as is. */
  private async open(): Promise<MultipartUpload | { video: Video }> {
    if (this.uploadId) {
      try {
        const status = await this.api(() => videosApi.multipart.status(this.videoId, this.uploadId!));
        this.callbacks.started(status.uploadId);
        return status;
      } catch (error) {
        if (toApiError(error).status !== 404) throw error;
        // Storage forgot it: open again below (the video may be gone too: that 404 is final).
      }
    }
    try {
      const upload = await this.api(() => videosApi.multipart.start(this.videoId));
      this.uploadId = upload.uploadId;
      this.callbacks.started(upload.uploadId);
      return upload;
    } catch (error) {
      // 409 conflict: the file is there already (a complete whose answer was lost), unless the
      // video still awaits it.
      if (toApiError(error).status === 409) {
        const video = await this.api(() => videosApi.get(this.videoId));
        if (video.status !== 'awaiting_upload') return { video };
      }
      throw error;
    }
  }

  private async sendMissing(): Promise<void> {
    this.failure = null;
    const round = new AbortController();
    this.round = round;
    const worker = async () => {
      for (let n = this.book!.take(); n !== null; n = this.book!.take()) await this.sendPart(n, round.signal);
    };
    try {
      await Promise.all(
        Array.from({ length: PART_CONCURRENCY }, () =>
          worker().catch((error: unknown) => {
            if (!this.failure) this.failure = error;
            // The other parts stop too: XHRs abort, backoff waits end (and then throw).
            round.abort();
            this.stopWaiting();
          }),
        ),
      );
    } finally {
      this.round = null;
    }
    if (this.cancelled) throw new UploadCancelled();
    if (this.failure) throw this.failure;
  }

  private async sendPart(n: number, signal: AbortSignal): Promise<void> {
    const book = this.book!;
    const { start, end } = partRange(n, book.partSize, this.file.size);
    let refused = 0;
    for (;;) {
      this.throwIfCancelled();
      const url = await this.urlFor(n);
      let status: number;
      try {
        ({ status } = await sendXhr({
          method: 'PUT',
          url,
          body: this.file.slice(start, end),
          signal,
          onProgress: (loaded) => {
            book.progress(n, loaded);
            this.report();
          },
        }));
      } catch (error) {
        if (error instanceof XhrFailure && error.aborted) throw new UploadCancelled();
        book.progress(n, 0);
        this.report();
        await this.connectionLost();
        continue;
      }
      if (status >= 200 && status < 300) {
        book.finish(n);
        this.failures = 0;
        this.reopens = 0;
        this.report();
        return;
      }
      book.progress(n, 0);
      this.report();
      // NoSuchUpload: the upload was aborted or has expired; run() opens another.
      if (status === 404) throw new UploadGone();
      if (status === 403) {
        // An expired or refused signature: sign again at once, then with backoff.
        book.invalidate(n);
        if (++refused <= 2) continue;
      }
      await this.connectionLost();
    }
  }

  /** A signed URL for part n: cached, or signed now with the next parts in one batch. */
  private async urlFor(n: number): Promise<string> {
    const book = this.book!;
    const cached = book.urlFor(n, Date.now());
    if (cached) return cached;
    // One signing request at a time: another part's batch may well include this one.
    while (this.signing) {
      await this.signing.catch(() => undefined);
      const after = book.urlFor(n, Date.now());
      if (after) return after;
    }
    const pending = this.api(() => videosApi.multipart.sign(this.videoId, this.uploadId!, book.toSign(n, Date.now())));
    this.signing = pending;
    try {
      const { parts } = await pending;
      book.setUrls(parts);
      const mine = parts.find((p) => p.partNumber === n);
      // Used as handed out, even if this computer's clock thinks it expired (a 403 re-signs).
      if (mine) return mine.url;
      throw new UploadError('The upload failed', `The server gave no address for part ${n}.`, true);
    } finally {
      if (this.signing === pending) this.signing = null;
    }
  }

  /** Runs an Api call, waiting out transient failures (network, 5xx, 429) with the shared backoff. */
  private async api<T>(call: () => Promise<T>): Promise<T> {
    for (;;) {
      this.throwIfCancelled();
      try {
        const result = await call();
        this.failures = 0;
        return result;
      } catch (error) {
        const problem = toApiError(error);
        if (this.cancelled || problem.code === 'aborted') throw new UploadCancelled();
        if (!problem.transient) throw problem instanceof ApiError ? problem : error;
        await this.connectionLost(problem.retryAfter);
      }
    }
  }

  /** One shared wait for every part that failed meanwhile; each new wait doubles (1 s … 30 s). */
  private async connectionLost(retryAfterSeconds: number | null = null): Promise<void> {
    this.throwIfCancelled();
    if (!this.wait) {
      this.failures++;
      const delay = Math.max(backoffMs(this.failures), (retryAfterSeconds ?? 0) * 1000);
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      const timer = setTimeout(() => this.stopWaiting(), delay);
      this.wait = { promise, resolve, timer };
      this.callbacks.retrying(Date.now() + delay);
    }
    await Promise.race([this.wait.promise, this.aborted]);
  }

  private stopWaiting(): void {
    const wait = this.wait;
    if (!wait) return;
    this.wait = null;
    clearTimeout(wait.timer);
    wait.resolve();
    if (!this.cancelled) this.callbacks.retrying(null);
  }

  private throwIfCancelled(): void {
    if (this.cancelled) throw new UploadCancelled();
    // Another part failed: this one stops; sendMissing reports that failure.
    if (this.round?.signal.aborted) throw this.failure ?? new UploadCancelled();
  }

  private report(): void {
    if (this.book) this.callbacks.progress(this.book.sentBytes);
  }
}
