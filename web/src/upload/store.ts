// Unfinished multipart uploads, kept in localStorage["platform.uploads"] until they complete or
// are cancelled, so that a reload can resume them with the same file.

export const UPLOADS_KEY = 'platform.uploads';

export interface StoredUpload {
  videoId: string;
  uploadId: string;
  fileName: string;
  size: number;
  lastModified: number;
  title: string;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function isStoredUpload(value: unknown): value is StoredUpload {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.videoId === 'string' &&
    typeof v.uploadId === 'string' &&
    typeof v.fileName === 'string' &&
    typeof v.size === 'number' &&
    typeof v.lastModified === 'number' &&
    typeof v.title === 'string'
  );
}

export function loadUploads(storage: KeyValueStorage | null): StoredUpload[] {
  if (!storage) return [];
  try {
    const parsed: unknown = JSON.parse(storage.getItem(UPLOADS_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isStoredUpload) : [];
  } catch {
    return [];
  }
}

function write(storage: KeyValueStorage, uploads: StoredUpload[]): void {
  try {
    if (uploads.length) storage.setItem(UPLOADS_KEY, JSON.stringify(uploads));
    else storage.removeItem(UPLOADS_KEY);
  } catch {
    // Storage full or refused: resuming after a reload will not be offered, nothing else breaks.
  }
}

/** Adds or replaces (by video id) an unfinished upload. */
export function saveUpload(storage: KeyValueStorage | null, upload: StoredUpload): void {
  if (!storage) return;
  const others = loadUploads(storage).filter((u) => u.videoId !== upload.videoId);
  write(storage, [...others, upload]);
}

export function removeUpload(storage: KeyValueStorage | null, videoId: string): void {
  if (!storage) return;
  const all = loadUploads(storage);
  const rest = all.filter((u) => u.videoId !== videoId);
  if (rest.length !== all.length) write(storage, rest);
}

/** The same file as the one the upload started with: same name, size and modification time. */
export function matchesFile(upload: StoredUpload, file: { name: string; size: number; lastModified: number }): boolean {
  return upload.fileName === file.name && upload.size === file.size && upload.lastModified === file.lastModified;
}
