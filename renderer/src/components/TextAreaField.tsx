import type { ComponentPropsWithRef } from 'react';
import { FieldFrame } from './TextField';

/**
 * With a ref, so react-hook-form's `register` spreads onto it like onto a textarea. `id` is taken
 * where a page names the field itself; otherwise one is made, as TextField does.
 */
interface TextAreaFieldProps extends ComponentPropsWithRef<'textarea'> {
  label: string;
  error?: string | undefined;
  hint?: string;
}

/** A labelled textarea whose error is announced and tied to the field: TextField's frame for longer answers. */
export function TextAreaField({ label, error, hint, className, id, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint} className={className} id={id}>
      {(control) => <textarea {...control} {...textarea} />}
    </FieldFrame>
  );
}
