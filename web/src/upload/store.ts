// Unfinished multipart uploads, kept in localStorage["platform.uploads"] until they complete or
// are cancelled, so that a reload can resume them with the same file. Each entry names the account
// that started it: one browser may serve several accounts, and none sees or resumes another's.

export const UPLOADS_KEY = 'platform.uploads';

export interface StoredUpload {
  /** The signed-in user who started the upload. */
  userId: string;
  videoId: string;
  uploadId: string;
  fileName: string;
  size: number;
  lastModified: number;
  title: string;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

// Entries without a userId (kept before uploads were per account) could be anyone's: dropped.
function isStoredUpload(value: unknown): value is StoredUpload {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.userId === 'string' &&
    v.userId !== '' &&
    typeof v.videoId === 'string' &&
    typeof v.uploadId === 'string' &&
    typeof v.fileName === 'string' &&
    typeof v.size === 'number' &&
    typeof v.lastModified === 'number' &&
    typeof v.title === 'string'
  );
}

/** Every account's entries (only to write them back). */
function loadAll(storage: KeyValueStorage): StoredUpload[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(UPLOADS_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isStoredUpload) : [];
  } catch {
    return [];
  }
}

/** The unfinished uploads of this user; none when signed out. */
export function loadUploads(storage: KeyValueStorage | null, userId: string | null): StoredUpload[] {
  if (!storage || !userId) return [];
  return loadAll(storage).filter((u) => u.userId === userId);
}

function write(storage: KeyValueStorage, uploads: StoredUpload[]): void {
  try {
    if (uploads.length) storage.setItem(UPLOADS_KEY, JSON.stringify(uploads));
    else storage.removeItem(UPLOADS_KEY);
  } catch {
    // Storage full or refused: resuming after a reload will not be offered, nothing else breaks.
  }
}

const same = (a: StoredUpload, userId: string, videoId: string) => a.userId === userId && a.videoId === videoId;

/** Adds or replaces (by user and video id) an unfinished upload. */
export function saveUpload(storage: KeyValueStorage | null, upload: StoredUpload): void {
  if (!storage || !upload.userId) return;
  const others = loadAll(storage).filter((u) => !same(u, upload.userId, upload.videoId));
  write(storage, [...others, upload]);
}

/** Forgets one of this user's unfinished uploads; other accounts' entries stay as they are. */
export function removeUpload(storage: KeyValueStorage | null, userId: string, videoId: string): void {
  if (!storage) return;
  const all = loadAll(storage);
  const rest = all.filter((u) => !same(u, userId, videoId));
  if (rest.length !== all.length) write(storage, rest);
}

/** The same file as the one the upload started with: same name, size and modification time. */
export function matchesFile(upload: StoredUpload, file: { name: string; size: number; lastModified: number }): boolean {
  return upload.fileName === file.name && upload.size === file.size && upload.lastModified === file.lastModified;
}
