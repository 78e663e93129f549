// Shared by the upload tests: a localStorage in memory, and a stored unfinished upload.
import type { StoredUpload } from './store';

/** A Storage in memory; `map` shows what is stored. */
export function memoryStorage(): Storage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

/** An unfinished upload of the file `{videoId}.mp4` (100 bytes) by `userId`. */
export const storedUpload = (videoId: string, userId = 'alice'): StoredUpload => ({
  userId,
  videoId,
  uploadId: `up-${videoId}`,
  fileName: `${videoId}.mp4`,
  size: 100,
  lastModified: 1700000000000,
  title: videoId,
});
