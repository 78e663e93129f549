import { describe, expect, it } from 'vitest';
import { UPLOADS_KEY, loadUploads, matchesFile, removeUpload, saveUpload, type StoredUpload } from './store';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const upload = (videoId: string): StoredUpload => ({
  videoId,
  uploadId: `up-${videoId}`,
  fileName: `${videoId}.mp4`,
  size: 100,
  lastModified: 1700000000000,
  title: videoId,
});

describe('unfinished uploads store', () => {
  it('adds, replaces and removes entries by video id', () => {
    const storage = memoryStorage();
    saveUpload(storage, upload('a'));
    saveUpload(storage, upload('b'));
    saveUpload(storage, { ...upload('a'), uploadId: 'new' });
    expect(loadUploads(storage).map((u) => [u.videoId, u.uploadId])).toEqual([
      ['b', 'up-b'],
      ['a', 'new'],
    ]);
    removeUpload(storage, 'b');
    removeUpload(storage, 'a');
    expect(loadUploads(storage)).toEqual([]);
    expect(storage.map.has(UPLOADS_KEY)).toBe(false);
  });

  it('ignores malformed content', () => {
    const storage = memoryStorage();
    storage.setItem(UPLOADS_KEY, '{not json');
    expect(loadUploads(storage)).toEqual([]);
    storage.setItem(UPLOADS_KEY, JSON.stringify([upload('a'), { videoId: 1 }, null]));
    expect(loadUploads(storage)).toHaveLength(1);
    expect(loadUploads(null)).toEqual([]);
  });

  it('matches the same file by name, size and modification time', () => {
    const u = upload('a');
    expect(matchesFile(u, { name: 'a.mp4', size: 100, lastModified: 1700000000000 })).toBe(true);
    expect(matchesFile(u, { name: 'a.mp4', size: 101, lastModified: 1700000000000 })).toBe(false);
    expect(matchesFile(u, { name: 'b.mp4', size: 100, lastModified: 1700000000000 })).toBe(false);
    expect(matchesFile(u, { name: 'a.mp4', size: 100, lastModified: 1 })).toBe(false);
  });
});
