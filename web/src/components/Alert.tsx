import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';

/** An error shown to the person: role=alert so screen readers hear it at once. */
export function ErrorAlert({ error, children }: { error?: ApiError | null; children?: ReactNode }) {
  if (!error && !children) return null;
  return (
    <div className="alert alert-error" role="alert">
      {error ? <p>{error.detail}</p> : null}
      {children}
    </div>
  );
}

/**
 * How a form shows a refusal: field errors next to their fields (`fieldErrors(name)`), anything
 * else in the alert above the form (`problem`).
 */
export function formErrors(error: ApiError | null | undefined) {
  return {
    fieldErrors: (field: string) => error?.fieldErrors(field),
    problem: error && !Object.keys(error.errors).length ? error : null,
  };
}
