import type { z } from 'zod';
import type { CallFailure, FieldProblem } from './call-result';

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
