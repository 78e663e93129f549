/** The person (or a page leaving) stopped the upload. */
export class UploadCancelled extends Error {
  constructor() {
    super('The upload was cancelled.');
    this.name = 'UploadCancelled';
  }
}

/** An upload failure to show as is; `retryable` offers "Try again". */
export class UploadError extends Error {
  constructor(
    readonly title: string,
    readonly detail: string,
    readonly retryable: boolean,
  ) {
    super(detail);
    this.name = 'UploadError';
  }
}
