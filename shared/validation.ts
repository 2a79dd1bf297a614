import type { z } from 'zod';
import type { CallFailure, FieldProblem } from './call-result';

/**
 * The largest id a record can have: the shared registry stores ids as PostgreSQL integers. A
 * larger number names no record, and is refused as such rather than reaching the database.
 */
export const RECORD_ID_MAX = 2_147_483_647;
export const NO_SUCH_RECORD = 'No record has an id that large.';

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Turns a schema rejection into the failure a person reads: the first problem leads. */
export function describeInvalidInput(error: z.ZodError): CallFailure {
  const fields = fieldProblems(error);
  const first = fields[0];
  const message = first
    ? fields.length === 1
      ? first.message
      : `${first.message} (and ${fields.length - 1} more problem${fields.length > 2 ? 's' : ''})`
    : 'The request was not understood.';
  return { code: 'invalid_input', message, fields };
}

/**
 * Text with a NUL character in it (U+0000, invisible; it arrives in text pasted from binary files)
 * is refused at the edge, with its field named: the shared registry's database cannot store it,
 * and a registry must hold the same text whichever engine keeps it.
 */
export function nulCharacterProblems(value: unknown, path: (string | number)[] = []): FieldProblem[] {
  if (typeof value === 'string') {
    return value.includes('\u0000')
      ? [{ field: path.map(String).join('.'), message: 'This text contains an invisible NUL character (often from text copied out of another file). Remove it and try again.' }]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => nulCharacterProblems(item, [...path, index]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => nulCharacterProblems(item, [...path, key]));
  return [];
}
