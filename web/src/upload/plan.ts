// The pure parts of uploading: file checks, part planning and bookkeeping, speed, backoff.
// Nothing here touches the network or the DOM, so vitest covers it directly.
import type { MultipartPart, SignedPart } from '../api/types';

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;
export const MAX_UPLOAD_BYTES = 2 * GIB;
export const DEFAULT_MULTIPART_THRESHOLD = 64 * MIB;
export const THRESHOLD_KEY = 'platform.multipartThresholdBytes';
export const PART_CONCURRENCY = 3;
export const SIGN_BATCH = 10;
/** A signed URL closer than this to its expiry is signed again before use. */
export const URL_MARGIN_MS = 60_000;

type ReadableStorage = Pick<Storage, 'getItem'>;

/** Files above this many bytes go up in parts; localStorage can lower it for tests and slow links. */
export function multipartThreshold(storage: ReadableStorage | null): number {
  const raw = storage?.getItem(THRESHOLD_KEY);
  if (raw == null || raw.trim() === '') return DEFAULT_MULTIPART_THRESHOLD;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? Math.floor(value) : DEFAULT_MULTIPART_THRESHOLD;
}

const VIDEO_EXTENSIONS: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  mpg: 'video/mpeg',
  mpeg: 'video/mpeg',
  ts: 'video/mp2t',
  '3gp': 'video/3gpp',
  ogv: 'video/ogg',
  wmv: 'video/x-ms-wmv',
  flv: 'video/x-flv',
};

/** The file's media type; browsers leave it empty for some video containers, so guess those by extension. */
export function contentTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const ext = file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase();
  return VIDEO_EXTENSIONS[ext] ?? 'application/octet-stream';
}

export interface FileProblem {
  title: string;
  detail: string;
}

/** The browser-side check before anything is sent (the server checks again). */
export function checkFile(file: { name: string; type: string; size: number }): FileProblem | null {
  if (!contentTypeOf(file).startsWith('video/')) {
    return { title: 'Not a video type', detail: `${file.name} is not a video file.` };
  }
  if (file.size > MAX_UPLOAD_BYTES) {
    return { title: 'The upload is too large', detail: `${file.name} is larger than 2 GiB, the largest upload allowed.` };
  }
  if (file.size <= 0) {
    return { title: 'The file is empty', detail: `${file.name} has no content.` };
  }
  return null;
}

/** Part n (1-based) covers bytes [start, end) of the file. */
export function partRange(partNumber: number, partSize: number, fileSize: number): { start: number; end: number } {
  const start = (partNumber - 1) * partSize;
  return { start, end: Math.min(partNumber * partSize, fileSize) };
}

export function partCountFor(fileSize: number, partSize: number): number {
  return Math.max(1, Math.ceil(fileSize / partSize));
}

/** 1 s, 2 s, 4 s, … at most 30 s, for the attempt-th consecutive failure (1-based). */
export function backoffMs(attempt: number): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(30_000, 1000 * 2 ** Math.min(n - 1, 15));
}

/**
 * Which parts are stored, which are being sent, which still wait, and the signed URLs at hand.
 * Parts the server reports with a size other than expected count as missing (they are re-sent).
 */
export class PartBook {
  readonly fileSize: number;
  readonly partSize: number;
  readonly partCount: number;
  private readonly done = new Set<number>();
  private readonly inFlight = new Map<number, number>();
  private queue: number[] = [];
  private readonly urls = new Map<number, { url: string; expiresAt: number }>();

  constructor(fileSize: number, partSize: number, partCount: number, stored: readonly MultipartPart[] = []) {
    if (!(partSize > 0) || partCountFor(fileSize, partSize) !== partCount) {
      throw new Error(`A ${fileSize}-byte file does not split into ${partCount} parts of ${partSize} bytes.`);
    }
    this.fileSize = fileSize;
    this.partSize = partSize;
    this.partCount = partCount;
    this.reconcile(stored);
  }

  sizeOf(partNumber: number): number {
    const { start, end } = partRange(partNumber, this.partSize, this.fileSize);
    return end - start;
  }

  /** Takes the storage's list as the truth for every part not being sent right now. */
  reconcile(stored: readonly MultipartPart[]): void {
    this.done.clear();
    for (const part of stored) {
      if (
        Number.isInteger(part.partNumber) &&
        part.partNumber >= 1 &&
        part.partNumber <= this.partCount &&
        part.size === this.sizeOf(part.partNumber) &&
        !this.inFlight.has(part.partNumber)
      ) {
        this.done.add(part.partNumber);
      }
    }
    this.queue = [];
    for (let n = 1; n <= this.partCount; n++) {
      if (!this.done.has(n) && !this.inFlight.has(n)) this.queue.push(n);
    }
  }

  /** The next part to send (lowest number first), now counted as in flight; null when none waits. */
  take(): number | null {
    const next = this.queue.shift();
    if (next === undefined) return null;
    this.inFlight.set(next, 0);
    return next;
  }

  progress(partNumber: number, loaded: number): void {
    if (this.inFlight.has(partNumber)) {
      this.inFlight.set(partNumber, Math.max(0, Math.min(loaded, this.sizeOf(partNumber))));
    }
  }

  finish(partNumber: number): void {
    this.inFlight.delete(partNumber);
    this.done.add(partNumber);
  }

  /** A failed part goes back to the front of the queue, its bytes no longer counted. */
  fail(partNumber: number): void {
    if (!this.inFlight.delete(partNumber)) return;
    this.queue.push(partNumber);
    this.queue.sort((a, b) => a - b);
  }

  get waiting(): readonly number[] {
    return this.queue;
  }

  get sending(): number[] {
    return [...this.inFlight.keys()];
  }

  get doneCount(): number {
    return this.done.size;
  }

  isDone(partNumber: number): boolean {
    return this.done.has(partNumber);
  }

  get complete(): boolean {
    return this.done.size === this.partCount;
  }

  missing(): number[] {
    const out: number[] = [];
    for (let n = 1; n <= this.partCount; n++) if (!this.done.has(n)) out.push(n);
    return out;
  }

  /** Bytes of stored parts. */
  get doneBytes(): number {
    let bytes = 0;
    for (const n of this.done) bytes += this.sizeOf(n);
    return bytes;
  }

  /** Bytes of stored parts plus those already sent of the parts in flight. */
  get sentBytes(): number {
    let bytes = this.doneBytes;
    for (const loaded of this.inFlight.values()) bytes += loaded;
    return bytes;
  }

  // --- signed URLs

  setUrls(parts: readonly SignedPart[]): void {
    for (const part of parts) {
      const expiresAt = Date.parse(part.expiresAt);
      this.urls.set(part.partNumber, { url: part.url, expiresAt: Number.isNaN(expiresAt) ? 0 : expiresAt });
    }
  }

  /** A URL still good for a while, or null. */
  urlFor(partNumber: number, now: number): string | null {
    const entry = this.urls.get(partNumber);
    return entry && entry.expiresAt - URL_MARGIN_MS > now ? entry.url : null;
  }

  invalidate(partNumber: number): void {
    this.urls.delete(partNumber);
  }

  /** The part asked for plus the next waiting ones without a good URL, at most `max` (1–100). */
  toSign(partNumber: number, now: number, max: number = SIGN_BATCH): number[] {
    const limit = Math.max(1, Math.min(100, max));
    const out = [partNumber];
    for (const n of this.queue) {
      if (out.length >= limit) break;
      if (n !== partNumber && !this.urlFor(n, now)) out.push(n);
    }
    return out;
  }
}

/**
 * Upload speed as a moving average over the last `windowMs` (default 5 s) of byte counts;
 * time left = remaining bytes / speed.
 */
export class SpeedMeter {
  private samples: { time: number; bytes: number }[] = [];
  constructor(private readonly windowMs = 5000) {}

  /** Records the total bytes sent so far at `time` (ms). A drop (a failed part) starts over. */
  add(time: number, bytes: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last && bytes < last.bytes) this.samples = [];
    this.samples.push({ time, bytes });
    const cutoff = time - this.windowMs;
    // Keep one sample at or before the window's start so the window stays full.
    while (this.samples.length > 2 && this.samples[1].time <= cutoff) this.samples.shift();
  }

  reset(): void {
    this.samples = [];
  }

  /** Bytes per second, or null before there is half a second of data. */
  speed(now?: number): number | null {
    if (this.samples.length < 2) return null;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const end = Math.max(last.time, now ?? last.time);
    const span = end - first.time;
    if (span < 500) return null;
    // Long silence since the last sample means nothing moves now.
    if (now !== undefined && now - last.time > this.windowMs) return 0;
    return ((last.bytes - first.bytes) * 1000) / span;
  }

  /** Seconds left for `remaining` bytes, or null when the speed is unknown or zero. */
  eta(remaining: number, now?: number): number | null {
    const speed = this.speed(now);
    if (speed === null || speed <= 0) return null;
    return Math.max(0, remaining) / speed;
  }
}
