// XMLHttpRequest with upload progress (fetch has no upload progress), cancellable by an AbortSignal.

export interface XhrResult {
  status: number;
  responseText: string;
}

/** Thrown for a connection that failed or was cut (no HTTP answer); `aborted` when we cancelled it. */
export class XhrFailure extends Error {
  constructor(readonly aborted: boolean) {
    super(aborted ? 'The upload was cancelled.' : 'The connection failed.');
    this.name = 'XhrFailure';
  }
}

// Headers a page may not set (the browser refuses them and complains in the console).
const FORBIDDEN = /^(accept-charset|accept-encoding|access-control-request-headers|access-control-request-method|connection|content-length|cookie|cookie2|date|dnt|expect|host|keep-alive|origin|referer|te|trailer|transfer-encoding|upgrade|via|proxy-.*|sec-.*)$/i;

export function sendXhr(options: {
  method: string;
  url: string;
  body: Blob;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  onProgress?: (loaded: number) => void;
}): Promise<XhrResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new XhrFailure(true));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(options.method, options.url, true);
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (!FORBIDDEN.test(name)) xhr.setRequestHeader(name, value);
    }
    const onAbort = () => xhr.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => options.signal?.removeEventListener('abort', onAbort);
    xhr.upload.onprogress = (event) => options.onProgress?.(event.loaded);
    xhr.onload = () => {
      done();
      resolve({ status: xhr.status, responseText: xhr.responseText });
    };
    xhr.onerror = () => {
      done();
      reject(new XhrFailure(false));
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => {
      done();
      reject(new XhrFailure(options.signal?.aborted ?? false));
    };
    xhr.send(options.body);
  });
}
