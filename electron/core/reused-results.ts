/**
 * Results the core hands out again and again, unchanged, to many callers (the cached capability
 * matrix, a megabyte of JSON). A transport may keep its encoding of such a result rather than
 * encode it afresh per call. Marking one is a promise that nobody changes it afterwards.
 */
const reused = new WeakSet<object>();

export function reusedResult<T extends object>(value: T): T {
  reused.add(value);
  return value;
}

export function isReusedResult(value: unknown): value is object {
  return typeof value === 'object' && value !== null && reused.has(value);
}
