import { failure, type CallResult } from '../../shared/call-result';
import type { ApiBridge, CallName } from '../../shared/contract';

async function post(name: CallName, input: unknown): Promise<CallResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return failure(
      'internal',
      'TransferReady is not reachable. Check that "npm run serve" is still running, then try again; what you typed is still here.',
    );
  }
  try {
    return (await response.json()) as CallResult<unknown>;
  } catch {
    return failure('internal', `TransferReady answered with an unexpected response (HTTP ${response.status}). Try again.`);
  }
}

/**
 * Browser mode: the same `window.api` the Electron preload installs, carried over HTTP to the
 * host that served this page. Every call name maps to the same POST, so the bridge needs no list
 * of names: listing them would mean loading the whole contract (every schema, the letters) before
 * the first screen, which only the host needs; the host refuses a name it does not know.
 */
export function createHttpBridge(): ApiBridge {
  return new Proxy({} as ApiBridge, {
    // Not a promise: `then` is no call, so awaiting the bridge by mistake does not post "then".
    get: (_bridge, name) => (typeof name === 'string' && name !== 'then' ? (input: unknown) => post(name as CallName, input) : undefined),
  });
}
