// Resumable uploads in parts: parts go straight to storage with pre-signed PUT URLs, three at a
// time; a failed part is retried with backoff (1 s, 2 s, 4 s, … 30 s) for as long as the page is
// open; storage's own list of parts tells what a resumed upload still has to send.
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

export class MultipartUploader {
  private readonly controller = new AbortController();
  private readonly aborted: Promise<never>;
  private book: PartBook | null = null;
  private failures = 0;
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
  }

  /** Ends a backoff wait at once ("Retry now", the browser came back online). */
  retryNow(): void {
    if (this.wait) this.stopWaiting();
  }

  async run(): Promise<Video> {
    const opened = await this.open();
    if ('video' in opened) return opened.video;
    try {
      this.book = new PartBook(this.file.size, opened.partSize, opened.partCount, opened.parts);
    } catch {
      throw new UploadError('The file does not match', 'This file does not fit the upload that was started for it.', false);
    }
    this.report();

    for (let round = 1; ; round++) {
      await this.sendMissing();
      this.callbacks.completing?.();
      try {
        const { video } = await this.api(() => videosApi.multipart.complete(this.videoId, this.uploadId!));
        return video;
      } catch (error) {
        const problem = toApiError(error);
        if (problem.status === 409 && problem.code !== 'parts_missing') {
          // Completed already (an earlier answer was lost on the way)?
          const video = await this.api(() => videosApi.get(this.videoId));
          if (video.status !== 'awaiting_upload') return video;
          throw error;
        }
        if (problem.status !== 409 || round >= MAX_COMPLETE_ROUNDS) throw error;
        // Storage lacks some parts: ask it which, and send those again.
        const status = await this.api(() => videosApi.multipart.status(this.videoId, this.uploadId!));
        this.book.reconcile(status.parts);
        this.report();
      }
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
      if (toApiError(error).status === 409) {
        const video = await this.api(() => videosApi.get(this.videoId));
        if (video.status !== 'awaiting_upload') return { video };
      }
      throw error;
    }
  }

  private async sendMissing(): Promise<void> {
    this.failure = null;
    const worker = async () => {
      for (let n = this.book!.take(); n !== null; n = this.book!.take()) await this.sendPart(n);
    };
    await Promise.all(
      Array.from({ length: PART_CONCURRENCY }, () =>
        worker().catch((error: unknown) => {
          if (!this.failure) this.failure = error;
          this.controller.abort();
        }),
      ),
    );
    if (this.failure) throw this.cancelled ? new UploadCancelled() : this.failure;
  }

  private async sendPart(n: number): Promise<void> {
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
          signal: this.controller.signal,
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
        this.report();
        return;
      }
      book.progress(n, 0);
      this.report();
      if (status === 404) {
        throw new UploadError('The upload expired', 'Storage no longer holds this upload. Cancel it and upload the file again.', false);
      }
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
    if (this.controller.signal.aborted) throw this.cancelled ? new UploadCancelled() : (this.failure ?? new UploadCancelled());
  }

  private report(): void {
    if (this.book) this.callbacks.progress(this.book.sentBytes);
  }
}
