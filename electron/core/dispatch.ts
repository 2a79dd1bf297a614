import { failure, type CallResult } from '../../shared/call-result';
import { contract, isCallName } from '../../shared/contract';
import { decideAccess, type Caller, type ResolvedScope, type ScopeKind } from '../../shared/permissions';
import { describeInvalidInput, nulCharacterProblems } from '../../shared/validation';
import { describeStorageFailure } from './db/connection';
import { describePostgresqlFailure } from './db/postgresql-registry';
import { DomainError } from './errors';
import type { CoreCalls } from '../../shared/contract';

/** Looks up the facility or case a scoped call acts on; null when there is none. */
export type ScopeResolver = (kind: ScopeKind, id: number) => Promise<ResolvedScope | null>;

/**
 * The single entry both transports use: checks the call name, validates the input against the
 * contract, decides whether the caller may make the call, runs the core function and wraps the
 * outcome in the envelope. A refusal happens before the core function is reached.
 */
export async function dispatchCall(
  calls: CoreCalls,
  method: unknown,
  rawInput: unknown,
  caller: Caller,
  resolveScope?: ScopeResolver,
): Promise<CallResult<unknown>> {
  if (!isCallName(method)) {
    return failure('unknown_call', `There is no operation named "${String(method).slice(0, 80)}".`);
  }
  const { access, input } = contract[method];
  const parsed = input.safeParse(rawInput === undefined ? {} : rawInput);
  if (!parsed.success) return { ok: false, error: describeInvalidInput(parsed.error) };
  const nul = nulCharacterProblems(parsed.data);
  if (nul.length > 0) return failure('invalid_input', nul[0]!.message, nul);
  try {
    if (caller.kind !== 'local') {
      let scope: ResolvedScope | null = null;
      if (access.scope && resolveScope) {
        const id = (parsed.data as Record<string, unknown>)[access.scope.field];
        if (typeof id === 'number') scope = await resolveScope(access.scope.kind, id);
      }
      const decision = decideAccess(caller, access, scope);
      if (!decision.allowed) return failure('forbidden', decision.reason);
    }
    const run = calls[method] as (input: unknown, caller: Caller) => Promise<unknown>;
    return { ok: true, value: await run(parsed.data, caller) };
  } catch (error) {
    if (error instanceof DomainError) return failure(error.code, error.message, error.fields);
    const storage = describeStorageFailure(error) ?? describePostgresqlFailure(error);
    if (storage) return failure(storage.code, storage.message);
    // The stack goes to the host's log for us; the person gets a sentence without internals.
    console.error(`[transferready] ${method} failed:`, error instanceof Error ? error.stack : error);
    return failure(
      'internal',
      'TransferReady could not finish this. Nothing you entered was lost: try again, and if it keeps happening, restart the app.',
    );
  }
}
