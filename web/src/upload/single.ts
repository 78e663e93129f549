// Uploads below the multipart threshold: one PUT of the whole file to the pre-signed URL the Api
// handed out, then `complete`. A failure simply starts over (with a fresh URL).
import { toApiError } from '../api/client';
import type { UploadInstructions, Video } from '../api/types';
import { videosApi } from '../api/videos';
import { UploadCancelled, UploadError } from './errors';
import { XhrFailure, sendXhr } from './xhr';

export interface SingleCallbacks {
  progress(sent: number): void;
  completing?(): void;
}

export class SingleUploader {
  private readonly controller = new AbortController();

  constructor(
    private readonly file: File,
    private readonly videoId: string,
    private instructions: UploadInstructions | null,
    private readonly callbacks: SingleCallbacks,
  ) {}

  cancel(): void {
    this.controller.abort();
  }

  async run(): Promise<Video> {
    const signal = this.controller.signal;
    let upload = this.instructions;
    this.instructions = null; // a URL is used once; a retry asks for a fresh one
    if (!upload || Date.parse(upload.expiresAt) - 30_000 < Date.now()) {
      try {
        upload = await videosApi.uploadUrl(this.videoId);
      } catch (error) {
        // 409: the file is there already (an earlier try got through); just complete.
        if (toApiError(error).status === 409) return this.complete();
        throw error;
      }
    }
    if (signal.aborted) throw new UploadCancelled();

    let status: number;
    try {
      ({ status } = await sendXhr({
        method: upload.method || 'PUT',
        url: upload.url,
        headers: upload.headers,
        body: this.file,
        signal,
        onProgress: (loaded) => this.callbacks.progress(Math.min(loaded, this.file.size)),
      }));
    } catch (error) {
      if (error instanceof XhrFailure && error.aborted) throw new UploadCancelled();
      throw new UploadError('Connection lost', 'The upload was interrupted. Check your connection and try again.', true);
    }
    if (status < 200 || status >= 300) {
      throw new UploadError('The upload failed', `The storage refused the file (HTTP ${status}). Try again.`, true);
    }
    this.callbacks.progress(this.file.size);
    return this.complete();
  }

  private async complete(): Promise<Video> {
    this.callbacks.completing?.();
    if (this.controller.signal.aborted) throw new UploadCancelled();
    const { video } = await videosApi.complete(this.videoId);
    return video;
  }
}
