import { useId, type ComponentPropsWithRef } from 'react';

/**
 * With a ref, so react-hook-form's `register` spreads onto it like onto a textarea. `id` is taken
 * where a page names the field itself; otherwise one is made, as TextField does.
 */
interface TextAreaFieldProps extends ComponentPropsWithRef<'textarea'> {
  label: string;
  error?: string | undefined;
  hint?: string;
}

/** A labelled textarea whose error is announced and tied to the field: TextField's markup for longer answers. */
export function TextAreaField({ label, error, hint, className, id: givenId, ...textarea }: TextAreaFieldProps) {
  const madeId = useId();
  const id = givenId ?? madeId;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        {...textarea}
      />
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
