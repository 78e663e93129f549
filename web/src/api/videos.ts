import { request } from './client';
import type {
  CreatedVideo,
  CreateVideoRequest,
  MultipartUpload,
  SignedPart,
  UpdateVideoRequest,
  UploadInstructions,
  Video,
  VideoEnvelope,
  VideoList,
  VideoPage,
} from './types';

const v = (id: string) => `/api/videos/${encodeURIComponent(id)}`;

function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const videosApi = {
  feed: (limit: number, cursor?: string | null, signal?: AbortSignal) =>
    request<VideoPage>(`/api/videos${query({ limit, cursor })}`, { signal }),
  search: (q: string, limit: number, cursor?: string | null, signal?: AbortSignal) =>
    request<VideoPage>(`/api/videos${query({ q, limit, cursor })}`, { signal }),
  mine: (limit: number, cursor?: string | null, signal?: AbortSignal) =>
    request<VideoPage>(`/api/me/videos${query({ limit, cursor })}`, { signal }),
  byUser: (userId: string, limit: number, cursor?: string | null, signal?: AbortSignal) =>
    request<VideoPage>(`/api/users/${encodeURIComponent(userId)}/videos${query({ limit, cursor })}`, { signal }),
  recommendations: (limit: number, signal?: AbortSignal) =>
    request<VideoList>(`/api/recommendations${query({ limit })}`, { signal }),
  related: (id: string, limit: number, signal?: AbortSignal) =>
    request<VideoList>(`${v(id)}/related${query({ limit })}`, { signal }),

  get: (id: string, signal?: AbortSignal) => request<Video>(v(id), { signal }),
  create: (body: CreateVideoRequest) => request<CreatedVideo>('/api/videos', { method: 'POST', body }),
  uploadUrl: (id: string) => request<UploadInstructions>(`${v(id)}/upload-url`, { method: 'POST', body: {} }),
  complete: (id: string) => request<VideoEnvelope>(`${v(id)}/complete`, { method: 'POST', body: {} }),
  update: (id: string, body: UpdateVideoRequest) => request<Video>(v(id), { method: 'PATCH', body }),
  remove: (id: string) => request<void>(v(id), { method: 'DELETE' }),
  view: (id: string, clientId: string | null) =>
    request<void>(`${v(id)}/views`, { method: 'POST', body: clientId ? { clientId } : {} }),
  eventsUrl: (id: string) => `${v(id)}/events`,

  multipart: {
    start: (id: string) => request<MultipartUpload>(`${v(id)}/multipart`, { method: 'POST', body: {} }),
    status: (id: string, uploadId: string) =>
      request<MultipartUpload>(`${v(id)}/multipart/${encodeURIComponent(uploadId)}`),
    sign: (id: string, uploadId: string, partNumbers: number[]) =>
      request<{ parts: SignedPart[] }>(`${v(id)}/multipart/${encodeURIComponent(uploadId)}/parts`, {
        method: 'POST',
        body: { partNumbers },
      }),
    complete: (id: string, uploadId: string) =>
      request<VideoEnvelope>(`${v(id)}/multipart/${encodeURIComponent(uploadId)}/complete`, {
        method: 'POST',
        body: {},
      }),
    abort: (id: string, uploadId: string) =>
      request<void>(`${v(id)}/multipart/${encodeURIComponent(uploadId)}`, { method: 'DELETE' }),
  },
};
