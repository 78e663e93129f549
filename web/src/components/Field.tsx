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

/** The ids and ARIA attributes that tie a control to its label, hint and errors. */
function useFieldWiring(id: string | undefined, hint: Common['hint'], errors: Common['errors']) {
  const auto = useId();
  const fieldId = id ?? auto;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const invalid = !!errors?.length;
  return {
    control: {
      id: fieldId,
      'aria-invalid': invalid || undefined,
      'aria-describedby': describedBy(hint ? hintId : undefined, invalid ? errorId : undefined),
    },
    extras: <Extras hint={hint} hintId={hintId} errors={errors} errorId={errorId} />,
  };
}

export function TextField({ label, errors, hint, id, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const { control, extras } = useFieldWiring(id, hint, errors);
  return (
    <div className="field">
      <label htmlFor={control.id}>{label}</label>
      <input {...control} {...input} />
      {extras}
    </div>
  );
}

export function TextArea({ label, errors, hint, id, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { control, extras } = useFieldWiring(id, hint, errors);
  return (
    <div className="field">
      <label htmlFor={control.id}>{label}</label>
      <textarea {...control} {...input} />
      {extras}
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
  const { control, extras } = useFieldWiring(id, hint, errors);
  return (
    <div className="field">
      <label htmlFor={control.id}>{label}</label>
      <select {...control} {...select}>
        {children}
      </select>
      {extras}
    </div>
  );
}

type PresetField = Omit<Common & InputHTMLAttributes<HTMLInputElement>, 'label' | 'type' | 'autoComplete'>;

/** An email address, as every account form asks for it. */
export function EmailField(props: PresetField) {
  return <TextField label="Email" type="email" autoComplete="email" {...props} />;
}

/** A 6-digit code from an email (verification, sign-in, password reset). */
export function CodeField(props: PresetField) {
  return <TextField label="Code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...props} />;
}

/** A form's submit button, marked busy while its request runs. */
export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <button type="submit" className="button" aria-busy={busy || undefined}>
      {children}
    </button>
  );
}

