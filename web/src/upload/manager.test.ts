// The upload manager's account handling: entries and uploads belong to the signed-in user.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UploadManager } from './manager';
import { loadUploads, saveUpload } from './store';
import { memoryStorage, storedUpload } from './testing';

const entry = storedUpload;

let requests: string[];

beforeEach(() => {
  requests = [];
  // Every Api call is recorded and never answered: the uploads stay under way.
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string, init?: RequestInit) => {
      requests.push(`${init?.method ?? 'GET'} ${input}`);
      return new Promise<Response>(() => undefined);
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('UploadManager accounts', () => {
  it('lists only the signed-in user’s unfinished uploads', () => {
    const storage = memoryStorage();
    saveUpload(storage, entry('a1', 'alice'));
    saveUpload(storage, entry('b1', 'bob'));
    const manager = new UploadManager(storage);
    expect(manager.getSnapshot().unfinished).toEqual([]);
    manager.setUser('alice');
    expect(manager.getSnapshot().unfinished.map((u) => u.videoId)).toEqual(['a1']);
    manager.setUser('bob');
    expect(manager.getSnapshot().unfinished.map((u) => u.videoId)).toEqual(['b1']);
    manager.setUser(null);
    expect(manager.getSnapshot().unfinished).toEqual([]);
  });

  it('does not resume another user’s entry', () => {
    const storage = memoryStorage();
    saveUpload(storage, entry('b1', 'bob'));
    const manager = new UploadManager(storage);
    manager.setUser('alice');
    manager.resume(entry('b1', 'bob'), new File([new Uint8Array(100)], 'b1.mp4', { lastModified: 1700000000000 }));
    expect(manager.getSnapshot().items).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('on sign-out stops the uploads and drops them from the list, keeping videos and entries', () => {
    const storage = memoryStorage();
    saveUpload(storage, entry('a1', 'alice'));
    const manager = new UploadManager(storage);
    manager.setUser('alice');
    manager.add([new File([new Uint8Array(10)], 'new.mp4', { type: 'video/mp4' })], 'public');
    manager.resume(entry('a1', 'alice'), new File([new Uint8Array(100)], 'a1.mp4', { lastModified: 1700000000000 }));
    expect(manager.getSnapshot().items.map((i) => i.fileName)).toEqual(['new.mp4', 'a1.mp4']);
    expect(manager.getSnapshot().unfinished).toEqual([]);

    manager.setUser(null);
    expect(manager.getSnapshot().items).toEqual([]);
    expect(manager.getSnapshot().unfinished).toEqual([]);
    expect(manager.getSnapshot().announcement).toBe('');
    // Nothing deleted or aborted: the Api removes abandoned videos after 24 hours.
    expect(requests.filter((r) => r.startsWith('DELETE'))).toEqual([]);
    expect(loadUploads(storage, 'alice').map((u) => u.videoId)).toEqual(['a1']);

    // Signed in again, the unfinished upload is offered for resuming.
    manager.setUser('alice');
    expect(manager.getSnapshot().unfinished.map((u) => u.videoId)).toEqual(['a1']);
  });
});
