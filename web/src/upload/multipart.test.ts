// The multipart uploader against a fake Api (fetch) and fake storage (XMLHttpRequest).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UploadCancelled, UploadError } from './errors';
import { MultipartUploader } from './multipart';

const PART = 10;
const SIZE = 95; // 10 parts, the last one 5 bytes
const COUNT = 10;

/** 'expire': storage drops the whole upload (as on abort or expiry), then answers 404. */
type Outcome = number | 'network' | 'hang' | 'expire';

class Storage {
  /** The open upload; null once storage dropped it. */
  uploadId: string | null = 'up1';
  opened = 1;
  stored = new Map<number, number>();
  puts: number[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Outcomes to use, in order, for a part's next PUTs (default 200). */
  plan = new Map<number, Outcome[]>();

  /** What the Api's open does: the upload open already, or a new one when storage has none. */
  open(): { created: boolean } {
    if (this.uploadId) return { created: false };
    this.uploadId = `up${++this.opened}`;
    this.stored.clear();
    return { created: true };
  }

  async put(url: string, body: Blob): Promise<Exclude<Outcome, 'expire'>> {
    const [, uploadId, , part] = new URL(url).pathname.split('/');
    const n = Number(part);
    this.puts.push(n);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, 1));
    this.inFlight--;
    if (uploadId !== this.uploadId) return 404;
    const outcome = this.plan.get(n)?.shift() ?? 200;
    if (outcome === 'expire') {
      this.uploadId = null;
      this.stored.clear();
      return 404;
    }
    if (outcome === 200) this.stored.set(n, body.size);
    return outcome;
  }
}

let storage: Storage;
let calls: string[];
let missingOnComplete: number[];
/** Parts storage holds with a wrong size (3 bytes) when complete is first called. */
let shortOnComplete: number[];
/** The video's status as GET /api/videos/v1 tells it; not awaiting_upload → open answers 409. */
let videoStatus: string;
let completedUploadIds: string[];

class FakeXhr {
  upload: { onprogress: ((e: { loaded: number }) => void) | null } = { onprogress: null };
  status = 0;
  responseText = '';
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  private url = '';
  private aborted = false;
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  send(body: Blob) {
    void storage.put(this.url, body).then((outcome) => {
      if (this.aborted || outcome === 'hang') return;
      if (outcome === 'network') return this.onerror?.();
      this.upload.onprogress?.({ loaded: body.size });
      this.status = outcome;
      this.onload?.();
    });
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

const status = () => ({
  uploadId: storage.uploadId,
  partSize: PART,
  partCount: COUNT,
  parts: [...storage.stored].map(([partNumber, size]) => ({ partNumber, size })),
});

async function fakeFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = String(input);
  const method = init?.method ?? 'GET';
  const body = init?.body ? JSON.parse(String(init.body)) : undefined;
  if (url === '/api/videos/v1') {
    calls.push(`${method} video`);
    return json(200, { id: 'v1', status: videoStatus });
  }
  const m = url.match(/^\/api\/videos\/v1\/multipart(?:\/([^/]+))?(?:\/(parts|complete))?$/);
  if (!m) return json(404, { code: 'not_found', detail: 'No such resource.' });
  const action = m[2] ?? (m[1] ? 'status' : 'start');
  calls.push(action === 'parts' ? `sign ${body.partNumbers.join(',')}` : `${method} ${action}`);
  if (action === 'start') {
    if (videoStatus !== 'awaiting_upload') return json(409, { code: 'conflict', detail: 'The video is uploaded.' });
    return json(storage.open().created ? 201 : 200, status());
  }
  // The Api knows one open upload per video; storage may have dropped it meanwhile.
  if (m[1] !== (storage.uploadId ?? `up${storage.opened}`)) return json(404, { code: 'not_found', detail: 'No such upload.' });
  if (action === 'status') return json(200, status());
  if (action === 'parts') {
    const expiresAt = new Date(Date.now() + 15 * 60_000).toISOString();
    return json(200, {
      parts: body.partNumbers.map((n: number) => ({
        partNumber: n,
        url: `https://storage.test/${m[1]}/part/${n}`,
        expiresAt,
      })),
    });
  }
  if (missingOnComplete.length) {
    for (const n of missingOnComplete) storage.stored.delete(n);
    missingOnComplete = [];
    return json(409, { code: 'parts_missing', title: 'Parts are missing', detail: 'Missing parts: 4.' });
  }
  if (shortOnComplete.length) {
    for (const n of shortOnComplete) storage.stored.set(n, 3);
    shortOnComplete = [];
    return json(409, { code: 'parts_invalid', title: 'Parts are invalid', detail: 'Part 4 has the wrong size.' });
  }
  completedUploadIds.push(m[1]);
  return json(202, { video: { id: 'v1', status: 'queued' } });
}

function uploader(uploadId: string | null = null, onRetry?: (u: MultipartUploader) => void) {
  const file = new File([new Uint8Array(SIZE)], 'big.mp4', { type: 'video/mp4' });
  const events = { progress: [] as number[], started: [] as string[], retrying: [] as (number | null)[] };
  const u: MultipartUploader = new MultipartUploader(file, 'v1', uploadId, {
    progress: (sent) => events.progress.push(sent),
    started: (id) => events.started.push(id),
    retrying: (at) => {
      events.retrying.push(at);
      // Press "Retry now" at once instead of waiting out the backoff.
      if (at !== null) queueMicrotask(() => (onRetry ? onRetry(u) : u.retryNow()));
    },
  });
  return { u, events };
}

beforeEach(() => {
  storage = new Storage();
  calls = [];
  missingOnComplete = [];
  shortOnComplete = [];
  videoStatus = 'awaiting_upload';
  completedUploadIds = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('MultipartUploader', () => {
  it('sends every part, three at a time, signing in batches of ten, then completes', async () => {
    const { u, events } = uploader();
    const video = await u.run();
    expect(video.status).toBe('queued');
    expect([...storage.stored.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(storage.stored.get(10)).toBe(5);
    expect(storage.maxInFlight).toBe(3);
    expect(calls[0]).toBe('POST start');
    expect(calls[1]).toBe('sign 1,2,3,4,5,6,7,8,9,10');
    expect(calls.at(-1)).toBe('POST complete');
    expect(events.started).toEqual(['up1']);
    expect(events.progress.at(-1)).toBe(SIZE);
  });

  it('retries network errors and 5xx, and re-signs after a 403', async () => {
    storage.plan.set(2, ['network', 500]);
    storage.plan.set(5, [403]);
    const { u, events } = uploader();
    await u.run();
    expect(storage.stored.size).toBe(COUNT);
    expect(storage.puts.filter((n) => n === 2)).toHaveLength(3);
    expect(calls).toContain('sign 5');
    expect(events.retrying.filter((at) => at !== null).length).toBeGreaterThanOrEqual(1);
    expect(events.retrying.at(-1)).toBeNull();
  });

  it('sends the parts storage lost when complete answers parts_missing', async () => {
    missingOnComplete = [4];
    const { u } = uploader();
    await u.run();
    expect(calls.filter((c) => c === 'POST complete')).toHaveLength(2);
    expect(calls).toContain('GET status');
    expect(calls).toContain('sign 4');
    expect(storage.puts.filter((n) => n === 4)).toHaveLength(2);
  });

  it('sends again, with a fresh URL, a part storage holds with the wrong size (parts_invalid)', async () => {
    shortOnComplete = [4];
    const { u } = uploader();
    const video = await u.run();
    expect(video.status).toBe('queued');
    expect(calls.filter((c) => c === 'POST complete')).toHaveLength(2);
    expect(calls.slice(calls.indexOf('GET status'))).toEqual(['GET status', 'sign 4', 'POST complete']);
    expect(storage.puts.filter((n) => n === 4)).toHaveLength(2);
    expect(storage.stored.get(4)).toBe(PART);
  });

  it('opens a new upload when storage dropped the old one (a part PUT answered 404), and sends every part again', async () => {
    storage.plan.set(5, ['expire']);
    const { u, events } = uploader();
    const video = await u.run();
    expect(video.status).toBe('queued');
    expect(events.started).toEqual(['up1', 'up2']);
    expect(calls.filter((c) => c === 'POST start')).toHaveLength(2);
    expect(completedUploadIds).toEqual(['up2']);
    expect([...storage.stored.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The old upload's signed URLs are not used again: every part is signed for the new one.
    const afterReopen = calls.slice(calls.lastIndexOf('POST start') + 1);
    expect(afterReopen[0]).toBe('sign 1,2,3,4,5,6,7,8,9,10');
  });

  it('takes the video as uploaded when storage dropped the upload and open answers 409 conflict', async () => {
    storage.plan.set(5, ['expire']);
    // The file got in meanwhile (a complete whose answer was lost).
    const put = storage.put.bind(storage);
    storage.put = async (url, body) => {
      const outcome = await put(url, body);
      if (storage.uploadId === null) videoStatus = 'queued';
      return outcome;
    };
    const { u, events } = uploader();
    const video = await u.run();
    expect(video.status).toBe('queued');
    expect(events.started).toEqual(['up1']);
    expect(calls.slice(-2)).toEqual(['POST start', 'GET video']);
    expect(calls).not.toContain('POST complete');
  });

  it('gives up when storage drops every upload it opens', async () => {
    storage.plan.set(1, ['expire', 'expire', 'expire', 'expire']);
    const { u, events } = uploader();
    await expect(u.run()).rejects.toBeInstanceOf(UploadError);
    expect(events.started).toEqual(['up1', 'up2', 'up3', 'up4']);
    expect(calls).not.toContain('POST complete');
  });

  it('returns the video at once when the first open answers 409 conflict (already uploaded)', async () => {
    videoStatus = 'processing';
    const { u, events } = uploader();
    const video = await u.run();
    expect(video.status).toBe('processing');
    expect(calls).toEqual(['POST start', 'GET video']);
    expect(events.started).toEqual([]);
    expect(storage.puts).toEqual([]);
  });

  it('fails on a first open answered 409 while the video still awaits its file', async () => {
    videoStatus = 'awaiting_upload';
    const start = vi.mocked(fetch).getMockImplementation()!;
    vi.mocked(fetch).mockImplementation(async (input, init) =>
      String(input).endsWith('/multipart') ? json(409, { code: 'conflict', detail: 'Not now.' }) : start(input, init),
    );
    const { u } = uploader();
    await expect(u.run()).rejects.toMatchObject({ status: 409, code: 'conflict' });
    expect(storage.puts).toEqual([]);
  });

  it('resumes: asks storage what it has and sends only the missing parts', async () => {
    for (const n of [1, 2, 3, 7]) storage.stored.set(n, PART);
    const { u } = uploader('up1');
    await u.run();
    expect(calls[0]).toBe('GET status');
    expect(storage.puts.sort((a, b) => a - b)).toEqual([4, 5, 6, 8, 9, 10]);
    expect(calls).not.toContain('POST start');
  });

  it('stops on cancel', async () => {
    storage.plan.set(1, ['hang']);
    storage.plan.set(2, ['hang']);
    storage.plan.set(3, ['hang']);
    const { u } = uploader();
    const running = u.run();
    await new Promise((r) => setTimeout(r, 20));
    u.cancel();
    await expect(running).rejects.toBeInstanceOf(UploadCancelled);
    expect(calls).not.toContain('POST complete');
  });

  it('stops when cancelled during a backoff wait', async () => {
    storage.plan.set(1, ['network']);
    const { u } = uploader(null, (self) => self.cancel());
    await expect(u.run()).rejects.toBeInstanceOf(UploadCancelled);
  });
});
