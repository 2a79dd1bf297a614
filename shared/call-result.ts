/**
 * The envelope every contract call resolves to, on both transports. Errors travel as data
 * because neither Electron's structured clone nor JSON keeps an Error's own fields.
 */
export type FailureCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'profile_required'
  /** A host with sign-in and no live session: sign in again. */
  | 'signed_out'
  | 'unknown_call'
  | 'forbidden'
  | 'payload_too_large'
  | 'storage_full'
  | 'storage_read_only'
  | 'storage_error'
  | 'storage_unavailable'
  | 'internal';

export interface FieldProblem {
  /** Dotted path of the input field, e.g. `name` or `answers.ivig.verifiedOn`. */
  field: string;
  message: string;
}

export interface CallFailure {
  code: FailureCode;
  /** A sentence for a person: what happened and what to do. */
  message: string;
  fields: FieldProblem[];
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: CallFailure };

export function failure(code: FailureCode, message: string, fields: FieldProblem[] = []): {
  ok: false;
  error: CallFailure;
} {
  return { ok: false, error: { code, message, fields } };
}
