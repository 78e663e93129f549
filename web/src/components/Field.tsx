import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface Common {
  label: string;
  /** Messages for this field (from a validation_failed problem). */
  errors?: string[];
  hint?: ReactNode;
}

function describedBy(hintId: string | undefined, errorId: string | undefined) {
  return [hintId, errorId].filter(Boolean).join(' ') || undefined;
}

function Extras({ hint, hintId, errors, errorId }: { hint?: ReactNode; hintId: string; errors?: string[]; errorId: string }) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p className="field-error" id={errorId}>
          {errors.join(' ')}
        </p>
      ) : null}
    </>
  );
}

export function TextField({ label, errors, hint, id, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const auto = useId();
  const fieldId = id ?? auto;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const invalid = !!errors?.length;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <input
        id={fieldId}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint ? hintId : undefined, invalid ? errorId : undefined)}
        {...input}
      />
      <Extras hint={hint} hintId={hintId} errors={errors} errorId={errorId} />
    </div>
  );
}

export function TextArea({ label, errors, hint, id, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const auto = useId();
  const fieldId = id ?? auto;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const invalid = !!errors?.length;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <textarea
        id={fieldId}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint ? hintId : undefined, invalid ? errorId : undefined)}
        {...input}
      />
      <Extras hint={hint} hintId={hintId} errors={errors} errorId={errorId} />
    </div>
  );
}

export function SelectField({
  label,
  errors,
  hint,
  id,
  children,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const auto = useId();
  const fieldId = id ?? auto;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const invalid = !!errors?.length;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <select
        id={fieldId}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint ? hintId : undefined, invalid ? errorId : undefined)}
        {...select}
      >
        {children}
      </select>
      <Extras hint={hint} hintId={hintId} errors={errors} errorId={errorId} />
    </div>
  );
}
