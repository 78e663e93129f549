import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MULTIPART_THRESHOLD,
  MIB,
  PartBook,
  SpeedMeter,
  backoffMs,
  checkFile,
  contentTypeOf,
  multipartThreshold,
  partCountFor,
  partRange,
} from './plan';

describe('part planning', () => {
  it('splits a file into ranges of partSize, the last one shorter', () => {
    const size = 10 * MIB + 123;
    const partSize = 4 * MIB;
    expect(partCountFor(size, partSize)).toBe(3);
    expect(partRange(1, partSize, size)).toEqual({ start: 0, end: 4 * MIB });
    expect(partRange(2, partSize, size)).toEqual({ start: 4 * MIB, end: 8 * MIB });
    expect(partRange(3, partSize, size)).toEqual({ start: 8 * MIB, end: size });
  });

  it('handles a file of exactly n parts', () => {
    expect(partCountFor(8, 4)).toBe(2);
    expect(partRange(2, 4, 8)).toEqual({ start: 4, end: 8 });
    expect(partCountFor(1, 4)).toBe(1);
  });

  it('refuses a part count that does not fit the file', () => {
    expect(() => new PartBook(100, 10, 9)).toThrow();
    expect(() => new PartBook(100, 0, 1)).toThrow();
  });
});

describe('PartBook', () => {
  it('hands out parts lowest first and counts bytes in flight', () => {
    const book = new PartBook(25, 10, 3);
    expect(book.take()).toBe(1);
    expect(book.take()).toBe(2);
    book.progress(1, 4);
    book.progress(2, 50); // clamped to the part's size
    expect(book.sentBytes).toBe(14);
    book.finish(1);
    expect(book.doneBytes).toBe(10);
    expect(book.sentBytes).toBe(20);
    expect(book.take()).toBe(3);
    expect(book.take()).toBeNull();
    book.finish(2);
    book.finish(3);
    expect(book.complete).toBe(true);
    expect(book.doneBytes).toBe(25);
    expect(book.missing()).toEqual([]);
  });

  it('puts a failed part back in front and forgets its bytes', () => {
    const book = new PartBook(40, 10, 4);
    const a = book.take()!;
    const b = book.take()!;
    book.progress(a, 7);
    book.progress(b, 3);
    book.fail(a);
    expect(book.sentBytes).toBe(3);
    expect(book.waiting).toEqual([1, 3, 4]);
    expect(book.take()).toBe(1);
    book.fail(99); // unknown part: no effect
    expect(book.waiting).toEqual([3, 4]);
  });

  it('skips the parts storage already has when resuming', () => {
    const book = new PartBook(35, 10, 4, [
      { partNumber: 1, size: 10 },
      { partNumber: 3, size: 10 },
      { partNumber: 4, size: 5 },
    ]);
    expect(book.missing()).toEqual([2]);
    expect(book.doneBytes).toBe(25);
    expect(book.take()).toBe(2);
    expect(book.take()).toBeNull();
  });

  it('re-sends stored parts of the wrong size and ignores unknown part numbers', () => {
    const book = new PartBook(35, 10, 4, [
      { partNumber: 1, size: 9 },
      { partNumber: 4, size: 5 },
      { partNumber: 7, size: 10 },
    ]);
    expect(book.missing()).toEqual([1, 2, 3]);
  });

  it('reconciles with storage after a complete answered parts_missing', () => {
    const book = new PartBook(30, 10, 3);
    for (let n = book.take(); n !== null; n = book.take()) book.finish(n);
    expect(book.complete).toBe(true);
    book.reconcile([{ partNumber: 1, size: 10 }, { partNumber: 3, size: 10 }]);
    expect(book.complete).toBe(false);
    expect(book.missing()).toEqual([2]);
    expect(book.take()).toBe(2);
  });

  it('keeps parts in flight out of a reconcile', () => {
    const book = new PartBook(30, 10, 3);
    expect(book.take()).toBe(1);
    book.reconcile([]);
    expect(book.waiting).toEqual([2, 3]);
    expect(book.sending).toEqual([1]);
  });

  it('signs URLs in batches and re-signs those about to expire', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const book = new PartBook(250, 10, 25);
    const first = book.take()!;
    expect(book.toSign(first, now)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    book.setUrls(
      [1, 2, 3].map((n) => ({ partNumber: n, url: `u${n}`, expiresAt: new Date(now + 15 * 60_000).toISOString() })),
    );
    book.setUrls([{ partNumber: 4, url: 'u4', expiresAt: new Date(now + 30_000).toISOString() }]);
    expect(book.urlFor(1, now)).toBe('u1');
    expect(book.urlFor(4, now)).toBeNull(); // within the safety margin
    expect(book.urlFor(1, now + 15 * 60_000)).toBeNull(); // expired
    expect(book.toSign(first, now, 5)).toEqual([1, 4, 5, 6, 7]);
    book.invalidate(2);
    expect(book.urlFor(2, now)).toBeNull();
  });
});

describe('SpeedMeter', () => {
  it('averages over the last five seconds', () => {
    const meter = new SpeedMeter(5000);
    expect(meter.speed()).toBeNull();
    meter.add(0, 0);
    meter.add(200, 100_000);
    expect(meter.speed()).toBeNull(); // less than half a second of data
    for (let t = 1000; t <= 10_000; t += 1000) meter.add(t, t * 1000); // 1 MB/s
    expect(meter.speed()).toBeCloseTo(1_000_000, -3);
    // Then it doubles: the window forgets the slow part.
    for (let t = 11_000; t <= 20_000; t += 1000) meter.add(t, 10_000_000 + (t - 10_000) * 2000);
    expect(meter.speed()).toBeCloseTo(2_000_000, -3);
    expect(meter.eta(4_000_000)).toBeCloseTo(2, 1);
  });

  it('starts over when the byte count drops and reports zero after a stall', () => {
    const meter = new SpeedMeter(5000);
    meter.add(0, 0);
    meter.add(1000, 5000);
    meter.add(2000, 1000); // a failed part took its bytes back
    expect(meter.speed()).toBeNull();
    meter.add(3000, 3000);
    expect(meter.speed()).toBe(2000);
    expect(meter.speed(20_000)).toBe(0);
    expect(meter.eta(1000, 20_000)).toBeNull();
  });

  it('gives no time left without a speed', () => {
    const meter = new SpeedMeter();
    expect(meter.eta(100)).toBeNull();
  });
});

describe('backoff', () => {
  it('doubles from 1 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(backoffMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(backoffMs(0)).toBe(1000);
  });
});

describe('file checks and threshold', () => {
  it('accepts videos up to 2 GiB', () => {
    expect(checkFile({ name: 'a.mp4', type: 'video/mp4', size: 10 })).toBeNull();
    expect(checkFile({ name: 'a.txt', type: 'text/plain', size: 10 })?.title).toBe('Not a video type');
    expect(checkFile({ name: 'a.mp4', type: 'video/mp4', size: 2 * 1024 ** 3 + 1 })?.title).toBe(
      'The upload is too large',
    );
    expect(checkFile({ name: 'a.mp4', type: 'video/mp4', size: 0 })).not.toBeNull();
  });

  it('guesses a missing media type from the extension', () => {
    expect(contentTypeOf({ name: 'clip.MKV', type: '' })).toBe('video/x-matroska');
    expect(contentTypeOf({ name: 'notes', type: '' })).toBe('application/octet-stream');
    expect(contentTypeOf({ name: 'a.mp4', type: 'video/mp4' })).toBe('video/mp4');
  });

  it('reads the threshold override from storage', () => {
    const storage = (value: string | null) => ({ getItem: () => value });
    expect(multipartThreshold(null)).toBe(DEFAULT_MULTIPART_THRESHOLD);
    expect(multipartThreshold(storage(null))).toBe(64 * MIB);
    expect(multipartThreshold(storage('5242880'))).toBe(5 * MIB);
    expect(multipartThreshold(storage('nonsense'))).toBe(64 * MIB);
    expect(multipartThreshold(storage('-1'))).toBe(64 * MIB);
    expect(multipartThreshold(storage(''))).toBe(64 * MIB);
  });
});
