// The multipart uploader against a fake Api (fetch) and fake storage (XMLHttpRequest).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UploadCancelled } from './errors';
import { MultipartUploader } from './multipart';

const PART = 10;
const SIZE = 95; // 10 parts, the last one 5 bytes
const COUNT = 10;

type Outcome = number | 'network' | 'hang';

class Storage {
  stored = new Map<number, number>();
  puts: number[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Outcomes to use, in order, for a part's next PUTs (default 200). */
  plan = new Map<number, Outcome[]>();

  async put(url: string, body: Blob): Promise<Outcome> {
    const n = Number(new URL(url).pathname.split('/').pop());
    this.puts.push(n);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, 1));
    this.inFlight--;
    const outcome = this.plan.get(n)?.shift() ?? 200;
    if (outcome === 200) this.stored.set(n, body.size);
    return outcome;
  }
}

let storage: Storage;
let calls: string[];
let missingOnComplete: number[];

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
  uploadId: 'up1',
  partSize: PART,
  partCount: COUNT,
  parts: [...storage.stored].map(([partNumber, size]) => ({ partNumber, size })),
});

async function fakeFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = String(input);
  const method = init?.method ?? 'GET';
  const body = init?.body ? JSON.parse(String(init.body)) : undefined;
  const m = url.match(/^\/api\/videos\/v1\/multipart(?:\/up1)?(?:\/(parts|complete))?$/);
  if (!m) return json(404, { code: 'not_found', detail: 'No such resource.' });
  const action = m[1] ?? (url.endsWith('/multipart') ? 'start' : 'status');
  calls.push(action === 'parts' ? `sign ${body.partNumbers.join(',')}` : `${method} ${action}`);
  if (action === 'start') return json(201, status());
  if (action === 'status') return json(200, status());
  if (action === 'parts') {
    const expiresAt = new Date(Date.now() + 15 * 60_000).toISOString();
    return json(200, {
      parts: body.partNumbers.map((n: number) => ({ partNumber: n, url: `https://storage.test/part/${n}`, expiresAt })),
    });
  }
  if (missingOnComplete.length) {
    for (const n of missingOnComplete) storage.stored.delete(n);
    missingOnComplete = [];
    return json(409, { code: 'parts_missing', title: 'Parts are missing', detail: 'Missing parts: 4.' });
  }
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
    expect(storage.puts.filter((n) => n === 4)).toHaveLength(2);
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
