import type { CallResult } from '../../shared/call-result';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { Core } from '../../electron/core/core';
import { dispatchCall } from '../../electron/core/dispatch';
import { LOCAL_CALLER } from '../../shared/permissions';

// Kept apart from core-harness, which imports vitest, so the bench bundle can use it too.

/** One call through the contract's dispatcher as the local user; a refusal fails the test with its message and fields. */
export async function callValue<K extends CallName>(core: Core, method: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const result = (await dispatchCall(core.calls, method, input, LOCAL_CALLER)) as CallResult<CallOutput<K>>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message} ${JSON.stringify(result.error.fields)}`);
  return result.value;
}
