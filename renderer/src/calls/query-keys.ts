import type { CallInput, CallName } from '../../../shared/contract';

/**
 * A read's cache key is its call name and its input, nothing else: the same call with the same
 * input is the same data wherever a page asks for it, and invalidating by name (the first
 * element) reaches every input of that call.
 */
export type CallQueryKey<K extends CallName = CallName> = readonly [K, CallInput<K>];

export function queryKeyFor<K extends CallName>(name: K, input: CallInput<K>): CallQueryKey<K> {
  return [name, input] as const;
}

/** Every cached read of one call, whatever its input. */
export function queryKeysOf<K extends CallName>(name: K): readonly [K] {
  return [name] as const;
}
