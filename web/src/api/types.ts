// Shapes of the Api's JSON (docs/api.md; Api/*/Contracts/*.cs, camelCase).

export type Visibility = 'public' | 'unlisted' | 'private';
export type VideoStatus = 'awaiting_upload' | 'queued' | 'processing' | 'ready' | 'failed';

export interface Rendition {
  name: string;
  width: number;
  height: number;
  bandwidth: number;
}

export interface VideoError {
  code: string;
  message: string;
}

export interface Video {
  id: string;
  ownerId: string;
  title: string;
  description: string | null;
  visibility: Visibility;
  status: VideoStatus;
  progress: number;
  etaSeconds: number | null;
  sizeBytes: number;
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  renditions: Rendition[];
  thumbnailUrl: string | null;
  playbackUrl: string | null;
  error: VideoError | null;
  views: number;
  createdAt: string;
  updatedAt: string;
}

export interface VideoPage {
  items: Video[];
  nextCursor: string | null;
}

export interface VideoList {
  items: Video[];
}

export interface UploadInstructions {
  method: string;
  url: string;
  headers: Record<string, string>;
  expiresAt: string;
}

export interface CreatedVideo {
  video: Video;
  upload: UploadInstructions;
}

export interface VideoEnvelope {
  video: Video;
}

export interface CreateVideoRequest {
  title: string;
  description?: string;
  visibility: Visibility;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

export interface UpdateVideoRequest {
  title?: string;
  description?: string;
  visibility?: Visibility;
}

export interface MultipartPart {
  partNumber: number;
  size: number;
}

export interface MultipartUpload {
  uploadId: string;
  partSize: number;
  partCount: number;
  parts: MultipartPart[];
}

export interface SignedPart {
  partNumber: number;
  url: string;
  expiresAt: string;
}

export interface User {
  id: string;
  email: string;
  name: string | null;
  emailVerified: boolean;
  image: string | null;
  createdAt: string;
}

export interface Session {
  id: string;
  createdAt: string;
  expiresAt: string;
}

export interface CurrentSession {
  user: User;
  session: Session;
}

export interface SignInResult extends CurrentSession {
  token: string;
}

export interface SessionListItem {
  id: string;
  createdAt: string;
  expiresAt: string;
  current: boolean;
  device?: string | null;
  lastUsedAt?: string | null;
}

export interface Provider {
  id: string;
  name: string;
  type: string;
}

export interface RegisterResult {
  status: string;
  registration: string;
}
