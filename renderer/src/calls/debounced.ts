import { useEffect, useState } from 'react';

/** How long a search box waits after the last keystroke before it asks the core. */
export const SEARCH_PAUSE_MS = 150;

/**
 * The value once it has stopped changing for `delayMs`: a query keyed by it asks once per pause
 * in typing instead of once per keystroke. An empty value passes at once, so clearing a search
 * shows everything again without waiting.
 */
export function useDebounced<T>(value: T, delayMs = SEARCH_PAUSE_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), value === '' ? 0 : delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
