// A small fetch wrapper: same-origin JSON calls whose failures become a typed ApiError built from
// the Api's problem document ({type, title, status, detail, code, errors?}).

export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldErrors;
  /** Seconds from a Retry-After header, when the answer had one. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail: string;
    errors?: FieldErrors;
    retryAfter?: number | null;
  }) {
    super(init.detail);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title ?? init.detail;
    this.detail = init.detail;
    this.errors = init.errors ?? {};
    this.retryAfter = init.retryAfter ?? null;
  }

  /** The messages for one field; the Api names fields in camelCase (and sometimes PascalCase). */
  fieldErrors(field: string): string[] {
    const lower = field.toLowerCase();
    const out: string[] = [];
    for (const [name, messages] of Object.entries(this.errors)) {
      if (name.toLowerCase() === lower || name.toLowerCase() === `$.${lower}`) out.push(...messages);
    }
    return out;
  }

  /** Network failures, 5xx, 429 and 503: worth trying again later. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** Turns anything thrown into an ApiError (for messages shown to the person). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new ApiError({ status: 0, code: 'aborted', detail: 'The request was cancelled.' });
  }
  return new ApiError({
    status: 0,
    code: 'network_error',
    title: 'Connection problem',
    detail: 'Could not reach the server. Check your connection and try again.',
  });
}

/** "Title: detail", or just one when they say the same. */
export function problemText(error: ApiError): string {
  if (!error.title || error.title === error.detail) return error.detail;
  const title = error.title.replace(/[.\s]+$/, '');
  return `${title}: ${error.detail}`;
}

type UnauthorizedListener = (error: ApiError, path: string) => void;
let onUnauthorized: UnauthorizedListener | null = null;

/** Called for every 401 `unauthorized` answer (a missing or ended session). */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Do not report a 401 to the session listener (e.g. the session probe itself handles it). */
  quiet401?: boolean;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    throw toApiError(error);
  }

  if (response.ok) {
    if (response.status === 204 || response.status === 205) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const error = await readProblem(response);
  if (error.status === 401 && error.code === 'unauthorized' && !options.quiet401) onUnauthorized?.(error, path);
  throw error;
}

async function readProblem(response: Response): Promise<ApiError> {
  const retryHeader = response.headers.get('Retry-After');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  let problem: Record<string, unknown> = {};
  try {
    const text = await response.text();
    if (text) problem = JSON.parse(text) as Record<string, unknown>;
  } catch {
    problem = {};
  }
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  const errors =
    problem.errors && typeof problem.errors === 'object' ? (problem.errors as FieldErrors) : undefined;
  const title = str(problem.title) ?? defaultTitle(response.status);
  return new ApiError({
    status: response.status,
    code: str(problem.code) ?? codeFor(response.status),
    title,
    detail: str(problem.detail) ?? title,
    errors,
    retryAfter,
  });
}

function codeFor(status: number): string {
  switch (status) {
    case 400: return 'validation_failed';
    case 401: return 'unauthorized';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 409: return 'conflict';
    case 413: return 'upload_too_large';
    case 415: return 'unsupported_media_type';
    case 429: return 'rate_limited';
    case 503: return 'unavailable';
    default: return status >= 500 ? 'internal_error' : 'bad_request';
  }
}

function defaultTitle(status: number): string {
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests. Try again shortly.';
  if (status >= 500) return 'The server had a problem. Try again shortly.';
  return 'The request failed.';
}
