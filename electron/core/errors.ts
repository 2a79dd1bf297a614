import type { FailureCode, FieldProblem } from '../../shared/call-result';

/** An error the person can act on; its message is shown as it is. */
export class DomainError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} no longer exists. Reload the list and try again.`);
}
