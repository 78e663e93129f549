import { describe, expect, it } from 'vitest';
import { UPLOADS_KEY, loadUploads, matchesFile, removeUpload, saveUpload, type StoredUpload } from './store';
import { memoryStorage, storedUpload } from './testing';

const upload = storedUpload;

const ids = (uploads: StoredUpload[]) => uploads.map((u) => u.videoId);

describe('unfinished uploads store', () => {
  it('adds, replaces and removes entries by video id', () => {
    const storage = memoryStorage();
    saveUpload(storage, upload('a'));
    saveUpload(storage, upload('b'));
    saveUpload(storage, { ...upload('a'), uploadId: 'new' });
    expect(loadUploads(storage, 'alice').map((u) => [u.videoId, u.uploadId])).toEqual([
      ['b', 'up-b'],
      ['a', 'new'],
    ]);
    removeUpload(storage, 'alice', 'b');
    removeUpload(storage, 'alice', 'a');
    expect(loadUploads(storage, 'alice')).toEqual([]);
    expect(storage.map.has(UPLOADS_KEY)).toBe(false);
  });

  it('lists only the signed-in user’s entries, and none when signed out', () => {
    const storage = memoryStorage();
    saveUpload(storage, upload('a1', 'alice'));
    saveUpload(storage, upload('b1', 'bob'));
    saveUpload(storage, upload('a2', 'alice'));
    expect(ids(loadUploads(storage, 'alice'))).toEqual(['a1', 'a2']);
    expect(ids(loadUploads(storage, 'bob'))).toEqual(['b1']);
    expect(loadUploads(storage, 'carol')).toEqual([]);
    expect(loadUploads(storage, null)).toEqual([]);
    expect(loadUploads(storage, '')).toEqual([]);
  });

  it('leaves other users’ entries alone when saving and removing', () => {
    const storage = memoryStorage();
    saveUpload(storage, upload('v', 'alice'));
    saveUpload(storage, upload('b1', 'bob'));
    // Bob removing (or replacing) an id he does not own changes nothing of Alice's.
    removeUpload(storage, 'bob', 'v');
    saveUpload(storage, { ...upload('v', 'bob'), uploadId: 'bobs' });
    expect(loadUploads(storage, 'alice').map((u) => u.uploadId)).toEqual(['up-v']);
    removeUpload(storage, 'alice', 'v');
    expect(loadUploads(storage, 'alice')).toEqual([]);
    expect(loadUploads(storage, 'bob').map((u) => u.uploadId)).toEqual(['up-b1', 'bobs']);
  });

  it('never shows entries without an owner, and drops them on the next write', () => {
    const storage = memoryStorage();
    const { userId: _, ...ownerless } = upload('old');
    storage.setItem(UPLOADS_KEY, JSON.stringify([ownerless, { ...upload('blank'), userId: '' }]));
    expect(loadUploads(storage, 'alice')).toEqual([]);
    expect(loadUploads(storage, '')).toEqual([]);
    saveUpload(storage, upload('a'));
    expect(JSON.parse(storage.map.get(UPLOADS_KEY)!)).toEqual([upload('a')]);
    saveUpload(storage, { ...upload('x'), userId: '' });
    expect(ids(loadUploads(storage, 'alice'))).toEqual(['a']);
  });

  it('ignores malformed content', () => {
    const storage = memoryStorage();
    storage.setItem(UPLOADS_KEY, '{not json');
    expect(loadUploads(storage, 'alice')).toEqual([]);
    storage.setItem(UPLOADS_KEY, JSON.stringify([upload('a'), { videoId: 1 }, null]));
    expect(loadUploads(storage, 'alice')).toHaveLength(1);
    expect(loadUploads(null, 'alice')).toEqual([]);
  });

  it('matches the same file by name, size and modification time', () => {
    const u = upload('a');
    expect(matchesFile(u, { name: 'a.mp4', size: 100, lastModified: 1700000000000 })).toBe(true);
    expect(matchesFile(u, { name: 'a.mp4', size: 101, lastModified: 1700000000000 })).toBe(false);
    expect(matchesFile(u, { name: 'b.mp4', size: 100, lastModified: 1700000000000 })).toBe(false);
    expect(matchesFile(u, { name: 'a.mp4', size: 100, lastModified: 1 })).toBe(false);
  });
});
