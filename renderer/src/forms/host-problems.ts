import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { ApiError, errorMessage } from '../api';

/**
 * Puts a refused save's field-named messages on the fields the host named (the same dotted paths
 * react-hook-form uses) and returns what is left for the form as a whole, or null when every
 * message found its field. The values typed stay as they are.
 */
export function showHostProblems<Values extends FieldValues>(
  failure: unknown,
  setError: UseFormSetError<Values>,
  fieldNames: readonly string[],
  /** Where the form's values sit in the call's input, e.g. `record.` for updateFacility. */
  inputPrefix = '',
): string | null {
  if (!(failure instanceof ApiError) || failure.fields.length === 0) return errorMessage(failure);
  const unplaced: string[] = [];
  for (const problem of failure.fields) {
    const field = problem.field.startsWith(inputPrefix) ? problem.field.slice(inputPrefix.length) : problem.field;
    if (fieldNames.some((name) => field === name || field.startsWith(`${name}.`))) {
      setError(field as FieldPath<Values>, { type: 'host', message: problem.message });
    } else unplaced.push(problem.message);
  }
  return unplaced.length > 0 ? unplaced.join(' ') : null;
}
